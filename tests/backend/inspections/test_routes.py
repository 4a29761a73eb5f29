"""Recording an inspection: at least two real officers, the recorder among them, a sound result."""

import pytest

from backend.users.schemas import Role
from tests import factories

INSPECTIONS = "/api/v1/inspections"


@pytest.fixture(scope="module")
def team(db, api):
    code = factories.business(db)
    a, b, c = (factories.officer(db, name=name) for name in ("周正", "吴明", "郑清"))
    headers = factories.signed_in(api, db, role=Role.OFFICER, officer_id=a)
    return {"code": code, "a": a, "b": b, "c": c, "headers": headers}


def inspection(team, **changes):
    body = {"business_code": team["code"], "date": str(factories.days_from_today(-1)),
            "source": "random_draw", "officer_ids": [team["a"], team["b"]], "result": "compliant",
            "checked_items": ["许可证公示", "从业人员健康证"]}
    return body | changes


def post(api, team, body):
    return api.post(INSPECTIONS, json=body, headers=team["headers"])


def test_a_recorded_inspection_names_its_officers(api, team):
    response = post(api, team, inspection(team, opinion="未发现问题"))
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["id"] and body["result"] == "compliant" and body["source"] == "random_draw"
    assert [officer["name"] for officer in body["officers"]] == ["周正", "吴明"]
    assert all(officer["badge_number"].startswith("4401") for officer in body["officers"])


def test_an_inspection_dated_today_is_accepted(api, team):
    response = post(api, team, inspection(team, date=str(factories.days_from_today(0))))
    assert response.status_code == 201, response.text


def test_lower_case_business_code_is_accepted(api, team):
    response = post(api, team, inspection(team, business_code=team["code"].lower(),
                                          date=str(factories.days_from_today(-2))))
    assert response.status_code == 201
    assert response.json()["business_code"] == team["code"]


def test_an_officer_cannot_record_an_inspection_they_did_not_take_part_in(api, team):
    response = post(api, team, inspection(team, officer_ids=[team["b"], team["c"]]))
    assert response.status_code == 403
    assert response.json()["detail"] == "You can only record an inspection you took part in."


def _resolve(team, key, value):
    """Officer letters to this module's officers ('NOBODY' stays); '+n' / '-n' to dates."""
    if key == "officer_ids":
        return [team.get(letter, letter) for letter in value]
    if isinstance(value, str) and value[:1] in "+-" and value[1:].isdigit():
        return str(factories.days_from_today(int(value)))
    return value


@pytest.mark.parametrize("changes, message", [
    ({"checked_items": []}, "Check at least one item of the checklist."),
    ({"officer_ids": ["a"]}, "officer_ids: Needs at least 2 entries."),
    ({"officer_ids": []}, "officer_ids: Needs at least 2 entries."),
    ({"officer_ids": ["a", "a"]}, "at least two different officers"),
    ({"officer_ids": ["a", "NOBODY"]}, "Unknown officer: NOBODY."),
    ({"result": "non_compliant", "rectification_deadline": "+10"},
     "List the items found when the result is not fully compliant."),
    ({"result": "basically_compliant", "items_found": ["冰箱生熟混放"]},
     "Set a rectification deadline when the result is not fully compliant."),
    ({"result": "non_compliant", "items_found": ["无健康证"], "rectification_deadline": "-5"},
     "The rectification deadline cannot be before the inspection."),
    ({"date": "+1"}, "An inspection cannot be dated in the future."),
    ({"result": "passed"}, "result: "),
    ({"source": "rumour"}, "source: "),
    ({"date": "yesterday"}, "date: "),
    ({"business_code": "91350100M000100Y44"}, "check character"),
    ({"opinion": "很" * 1001}, "opinion: "),
    ({"checked_items": ["x" * 201]}, "checked_items.0: "),
    ({"items_found": ["a\nb"], "result": "non_compliant", "rectification_deadline": "+10"}, "is one line"),
    ({"items_found": ["   "], "result": "non_compliant", "rectification_deadline": "+10"}, "items_found.0: "),
    ({"items_found": ["冰箱生熟混放"]}, "A compliant inspection found nothing to correct"),
    ({"rectification_deadline": "+10"}, "A compliant inspection sets no rectification deadline."),
    ({"result": "non_compliant", "items_found": ["无健康证"], "rectification_deadline": "+366"},
     "at most a year after the inspection"),
])
def test_unsound_inspections_are_refused_readably(api, team, changes, message):
    changes = {key: _resolve(team, key, value) for key, value in changes.items()}
    response = post(api, team, inspection(team, **changes))
    assert response.status_code == 422, response.text
    assert message in response.json()["detail"]


def test_an_inspection_without_its_checklist_is_refused(api, team):
    """Left out, the checked items were taken as "none checked" and never looked at."""
    body = {key: value for key, value in inspection(team).items() if key != "checked_items"}
    response = post(api, team, body)
    assert response.status_code == 422 and "checked_items" in response.json()["detail"]


def test_a_co_inspector_must_be_of_a_unit_over_the_district(db, api, team):
    factories.unit(db, id="U-YX", districts=("越秀区",))
    elsewhere = factories.officer(db, unit_id="U-YX", name="司徒越")
    response = post(api, team, inspection(team, officer_ids=[team["a"], elsewhere]))
    assert response.status_code == 422
    assert f"司徒越 ({elsewhere}) cannot inspect here" in response.json()["detail"]
    assert db.inspections.count_documents({"officers.id": elsewhere}) == 0


def test_an_unknown_business_is_not_found(api, team):
    response = post(api, team, inspection(team, business_code="91350100M000100Y43"))
    assert response.status_code == 404
    assert "No business is registered under credit code 91350100M000100Y43" in response.json()[
        "detail"]


def test_a_refused_inspection_leaves_no_record(db, api, team):
    before = db.inspections.count_documents({})
    post(api, team, inspection(team, officer_ids=[team["a"], "NOBODY"]))
    post(api, team, inspection(team, date=str(factories.days_from_today(3))))
    assert db.inspections.count_documents({}) == before


def test_a_non_compliant_inspection_is_published_with_its_deadline(api, team):
    deadline = str(factories.days_from_today(14))
    body = inspection(team, result="non_compliant", items_found=["餐具未消毒"],
                      rectification_deadline=deadline, date=str(factories.days_from_today(0)))
    assert post(api, team, body).status_code == 201
    latest = api.get(f"/api/v1/businesses/{team['code']}").json()["inspections"][0]
    assert (latest["result"], latest["items_found"], latest["rectification_deadline"]) == (
        "non_compliant", ["餐具未消毒"], deadline)
