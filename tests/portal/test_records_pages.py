"""/inspections and /penalties: filters, charts and rows in the first HTML, without scripts."""

import re

import pytest

from tests import factories
from tests.portal.conftest import ENGLISH


@pytest.fixture(scope="module")
def records(db):
    officers = [factories.officer(db), factories.officer(db)]
    first = factories.business(db, name="公开一号")
    second = factories.business(db, name="公开二号", district="越秀区", trade="food_sales")
    factories.inspection(db, first, officers, days_ago=4, result="non_compliant")
    factories.inspection(db, second, officers, days_ago=2)
    number = factories.penalty(db, first, days_ago=3, fine_yuan=20000)
    return number


def test_inspections_page_lists_rows_and_chart_numbers(site, records):
    response = site.get("/inspections", headers=ENGLISH)
    assert response.status_code == 200
    text = response.text
    assert "公开一号" in text and "公开二号" in text
    assert "By month" in text and "counts-table" in text
    assert 'action="/inspections"' in text and 'name="district"' in text


def test_filters_narrow_the_list(site, records):
    text = site.get("/inspections?district=越秀区", headers=ENGLISH).text
    assert "公开二号" in text and "公开一号" not in text
    text = site.get("/inspections?result=non_compliant", headers=ENGLISH).text
    assert "公开一号" in text and "公开二号" not in text


def test_bad_dates_say_so(site, records):
    text = site.get("/inspections?from=2026-05-01&to=2026-01-01", headers=ENGLISH).text
    assert "The start date is after the end date." in text
    for impossible in ("2026-13-45", "2026-02-30"):
        text = site.get(f"/penalties?from={impossible}", headers=ENGLISH).text
        assert "Please give the date as YYYY-MM-DD." in text and "results</p>" not in text
    typo = site.get("/inspections?trade=resturant", headers=ENGLISH).text   # not "no records"
    assert "There is no trade resturant" in typo and "results</p>" not in typo


def test_the_csv_download_keeps_the_filters(site, api, records):
    text = site.get("/inspections?result=non_compliant&district=天河区&from=2026-01-01", headers=ENGLISH).text
    link = re.search(r'href="(/api/v1/records/inspections\?[^"]+)"', text).group(1).replace("&amp;", "&")
    assert "format=csv" in link and "result=non_compliant" in link and "dateFrom=2026-01-01" in link
    csv = api.get(link).text
    assert "公开一号" in csv and "公开二号" not in csv


def test_penalties_page(site, records):
    text = site.get("/penalties", headers=ENGLISH).text
    assert records in text and "20,000 yuan" in text
