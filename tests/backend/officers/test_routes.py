"""An officer's public profile (执法公示): who they are, where they serve, what they inspected."""

import pytest

from tests import factories


@pytest.fixture(scope="module")
def officers(db):
    factories.unit(db, id="U-YX", districts=("越秀区",))
    zhou = factories.officer(db, unit_id="U-YX", name="周正")
    wu = factories.officer(db, unit_id="U-YX", name="吴明")
    idle = factories.officer(db, unit_id="U-YX", name="郑清")
    shops = [factories.business(db, district="越秀区", name=name) for name in ("东园酒家", "西关面馆")]
    factories.inspection(db, shops[0], [zhou, wu], days_ago=40)
    factories.inspection(db, shops[1], [zhou, wu], days_ago=3, result="non_compliant")
    factories.inspection(db, shops[0], [wu, zhou], days_ago=10, result="basically_compliant")
    return {"zhou": zhou, "idle": idle, "shops": shops}


def test_profile_shows_identity_unit_and_inspections_done(api, officers):
    response = api.get(f"/api/v1/officers/{officers['zhou']}")
    assert response.status_code == 200
    profile = response.json()
    assert (profile["name"], profile["unit_id"]) == ("周正", "U-YX")
    assert profile["badge_number"].startswith("4401")
    assert profile["unit_name"] == "U-YX 市场监督管理所"
    assert profile["inspections_done"] == 3


def test_recent_inspections_newest_first_and_still_public(api, officers):
    recent = api.get(f"/api/v1/officers/{officers['zhou']}").json()["recent_inspections"]
    # 东园酒家's inspection of 40 days ago left the public record when the next one was recorded
    assert [(row["business_name"], row["result"]) for row in recent] == [
        ("西关面馆", "non_compliant"), ("东园酒家", "basically_compliant")]
    assert recent[0]["date"] == str(factories.days_from_today(-3))
    assert recent[0]["business_code"] == officers["shops"][1]


def test_an_officer_without_inspections_has_an_empty_record(api, officers):
    profile = api.get(f"/api/v1/officers/{officers['idle']}").json()
    assert (profile["inspections_done"], profile["recent_inspections"]) == (0, [])


def test_an_unknown_officer_is_not_found(api, officers):
    response = api.get("/api/v1/officers/OF9999")
    assert response.status_code == 404
    assert response.json() == {"detail": "There is no officer OF9999.", "error": "NotFound"}
