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
    for impossible in ("2026-13-01", "2026-02-30"):   # in the form the field asks for, yet no day
        text = site.get(f"/penalties?from={impossible}", headers=ENGLISH).text
        assert f"From: {impossible} is not a date." in text and "results</p>" not in text
    text = site.get("/inspections?to=1/5/2026", headers=ENGLISH).text
    assert "To: Please give the date as YYYY-MM-DD." in text and "results</p>" not in text
    assert 'value="1/5/2026"' in text   # kept in its field, to correct
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


def _trace_colours(**filters: str) -> dict[str, dict[str, str]]:
    """Each chart of /inspections: legend name → bar colour, as Dash draws the page."""
    from backend import i18n
    from portal.pages import inspections

    with i18n.language("en"):
        graphs = [child for child in _walk(inspections.layout(**filters)) if getattr(child, "figure", None)]
    assert graphs, "no chart on the page"
    return {graph.id: {trace["name"]: trace["marker"]["color"] for trace in graph.figure["data"]}
            for graph in graphs}


def _walk(component):
    yield component
    children = getattr(component, "children", None)
    for child in children if isinstance(children, list) else [children] if children else []:
        if not isinstance(child, str):
            yield from _walk(child)


def test_each_result_keeps_its_badge_colour_whatever_the_filter(site, records):
    from portal.components.charts import BAND_COLOURS

    green, amber, red = BAND_COLOURS["A"], BAND_COLOURS["C"], BAND_COLOURS["D"]
    unfiltered = _trace_colours()
    for colours in unfiltered.values():
        assert colours == {"Compliant": green, "Non-compliant": red}
        assert list(colours) == ["Compliant", "Non-compliant"]   # the badges' order, not A→Z
    for colours in _trace_colours(result="non_compliant").values():
        assert colours == {"Non-compliant": red}
    assert amber not in {c for colours in unfiltered.values() for c in colours.values()}
