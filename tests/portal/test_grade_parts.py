"""The facts behind the quantified grade and the risk level, on /grades/<code> and in the API,
and the QR page's link to them (a link only: the QR page stays light)."""

import re

import pytest

from tests import factories
from tests.factories import days_from_today
from tests.portal.conftest import ENGLISH


@pytest.fixture(scope="module")
def graded(db):
    """Three inspections, the oldest out of the 730-day window since 19 days ago; a serious penalty."""
    code = factories.business(db, name="量化小馆")
    officers = [factories.officer(db), factories.officer(db)]
    for days_ago, result in ((750, "compliant"), (400, "compliant"), (30, "non_compliant")):
        factories.inspection(db, code, officers, days_ago=days_ago, result=result)
    number = factories.penalty(db, code, days_ago=5, measures=("suspension",))
    return code, number


def _day(days_ago: int) -> str:
    return days_from_today(-days_ago).isoformat()


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_the_grade_page_lists_the_inspections_behind_the_score_and_what_its_date_means(site, graded):
    code, _number = graded
    page = _text(site.get(f"/grades/{code}", headers=ENGLISH).text)
    assert f"{_day(30)} Non-compliant 30 3 {_day(400)} Compliant 100 2" in page
    assert "Weighted mean: (30 × 3 + 100 × 2) ÷ 5 = 58." in page
    assert (f"Dated {_day(19)}: the score since that day, when the inspection of {_day(750)} stopped "
            "counting (the grade counts the last 730 days).") in page
    assert f"Trend falling: before the inspection of {_day(30)} the score was 100." in page


def test_the_grade_page_shows_the_risk_score_in_parts(site, graded):
    code, number = graded
    page = _text(site.get(f"/grades/{code}", headers=ENGLISH).text)
    assert "Static risk of its trade (Catering service): 25" in page
    assert f"Serious penalty {number} of {_day(5)}: +25" in page
    assert f"Inspection of {_day(30)}, Non-compliant: +15" in page
    assert "25 by trade + 40 from the last year = 65." in page
    assert f"Dated {_day(5)}: the day of the newest fact it counts." in page
    assert "Trend rising: a quarter earlier the score was 25." in page


def test_the_api_has_the_same_parts(site, graded):
    code, number = graded
    standing = site.get(f"/api/v1/businesses/{code}").json()["standing"]
    grade, risk = standing["grade"], standing["risk"]
    assert [(p["date"], p["result"], p["points"], p["weight"]) for p in grade["counted"]] == [
        (_day(30), "non_compliant", 30.0, 3.0), (_day(400), "compliant", 100.0, 2.0)]
    assert (grade["on"], grade["before"], [f["date"] for f in grade["stopped"]]) == (
        _day(19), 100.0, [_day(750)])
    assert risk["static"] == 25.0 and risk["score"] == 65.0
    assert [(p["kind"], p.get("decision_number"), p["points"]) for p in risk["counted"]] == [
        ("penalty", number, 25.0), ("inspection", None, 15.0)]


def test_the_qr_page_links_to_the_parts_without_listing_them(site, graded):
    code, _number = graded
    page = site.get(f"/b/{code}", headers=ENGLISH).text
    assert f'href="/grades/{code}#quantified-grade"' in page
    assert "Weighted mean" not in page and _day(750) not in page  # superseded: off the record's list


def test_the_grade_page_keeps_the_shop_name_in_its_title_once_dash_takes_over(site, graded):
    code, _number = graded
    response = site.post("/_dash-update-component", headers=ENGLISH, json={
        "output": ".._pages_content.children..._pages_store.data..",
        "outputs": [{"id": "_pages_content", "property": "children"},
                    {"id": "_pages_store", "property": "data"}],
        "inputs": [{"id": "_pages_location", "property": "pathname", "value": f"/grades/{code}"},
                   {"id": "_pages_location", "property": "search", "value": ""}],
        "changedPropIds": ["_pages_location.pathname"]})
    assert response.json()["response"]["_pages_store"]["data"]["title"] == "Why this grade – 量化小馆"
