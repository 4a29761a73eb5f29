"""An inspection names the task it answers: checked, the task moved on, a draw's result published."""

import pytest

from backend import clock
from backend.tasks import service as tasks
from backend.tasks.schemas import TaskSource
from backend.users.schemas import Role
from tests import factories

INSPECTIONS = "/api/v1/inspections"
ENGLISH = {"Accept-Language": "en"}  # new strings are not translated yet


@pytest.fixture(scope="module")
def world(db, api):
    factories.unit(db, id="U-LK", districts=("黄埔区",))
    factories.unit(db, id="U-YX", districts=("越秀区",))
    officers = [factories.officer(db, unit_id="U-LK", name=f"抽查{n}") for n in range(4)]
    codes = [factories.business(db, district="黄埔区") for _ in range(4)]
    admin = factories.signed_in(api, db, role=Role.ADMIN)
    plan = api.post("/api/v1/random-draws", headers=admin, json={
        "name": "黄埔区双随机抽查", "unit_id": "U-LK", "base_ratio": 1}).json()["id"]
    assert api.post(f"/api/v1/random-draws/{plan}/publish", headers=admin).status_code == 200
    drawn = api.post(f"/api/v1/random-draws/{plan}/run", headers=admin).json()["drawn"]
    assert len(drawn) >= 3 and all(target["officer_ids"] for target in drawn)
    listed = api.get("/api/v1/tasks", headers=admin, params={"source": "random_draw", "pageSize": 100})
    task_of = {row["business_code"]: row["id"] for row in listed.json()["data"]}
    return {"plan": plan, "drawn": drawn, "officers": officers, "codes": codes, "admin": admin,
            "task_of": task_of, "headers": {o: factories.signed_in(api, db, role=Role.OFFICER, officer_id=o)
                                            for o in officers},
            "elsewhere": factories.signed_in(api, db, role=Role.OFFICER,
                                             officer_id=factories.officer(db, unit_id="U-YX"))}


def _body(code, officer_ids, task_id, **changes):
    return {"business_code": code, "date": str(factories.days_from_today(0)), "source": "random_draw",
            "officer_ids": officer_ids, "result": "compliant", "checked_items": ["许可证公示"],
            "task_id": task_id} | changes


def _record(api, world, target, officer_ids, **changes):
    code = target["business_code"]
    return api.post(INSPECTIONS, headers=world["headers"][officer_ids[0]],
                    json=_body(code, officer_ids, world["task_of"][code], **changes))


def _task(api, world, task_id):
    return api.get(f"/api/v1/tasks/{task_id}", headers=world["admin"]).json()


def _plan_row(api, world, code):
    plan = api.get(f"/api/v1/random-draws/{world['plan']}").json()   # public: no sign-in
    return next(target for target in plan["drawn"] if target["business_code"] == code)


def test_the_drawn_teams_inspection_closes_the_task_and_shows_on_the_plan(api, world):
    target = world["drawn"][0]
    assert _plan_row(api, world, target["business_code"])["inspection"] is None
    response = _record(api, world, target, target["officer_ids"])
    assert response.status_code == 201, response.text
    recorded = response.json()
    assert recorded["task_id"] == world["task_of"][target["business_code"]] and not recorded["off_draw"]
    task = _task(api, world, recorded["task_id"])
    assert task["status"] == "closed"
    assert any(recorded["id"] in event["note"] for event in task["history"] if event["action"] == "closed")
    shown = _plan_row(api, world, target["business_code"])["inspection"]
    assert shown == {"id": recorded["id"], "date": recorded["date"], "result": "compliant",
                     "off_draw": False}


def test_another_team_is_allowed_but_marked_off_the_draw(api, world):
    target = world["drawn"][1]
    stand_in = next(o for o in world["officers"] if o not in target["officer_ids"])
    response = _record(api, world, target, [target["officer_ids"][0], stand_in], result="non_compliant",
                       items_found=["健康证过期"], rectification_deadline=str(factories.days_from_today(10)))
    assert response.status_code == 201, response.text
    assert response.json()["off_draw"] is True
    shown = _plan_row(api, world, target["business_code"])["inspection"]
    assert shown["off_draw"] is True and shown["result"] == "non_compliant"


def test_a_closed_task_is_not_answered_again(api, world):
    target = world["drawn"][0]
    response = _record(api, world, target, target["officer_ids"],
                       date=str(factories.days_from_today(-1)))
    assert response.status_code == 409, response.text


@pytest.mark.parametrize(("change", "status"), [
    ({"source": "routine"}, 422),            # a drawn task is recorded as a random draw
    ({"business": "other"}, 422),            # the task is another business's
    ({"task_id": "000000000000000000000000"}, 404),
    ({"task_id": "not-an-id"}, 404),
])
def test_a_task_that_does_not_fit_is_refused_and_nothing_is_recorded(api, world, change, status):
    target = world["drawn"][2]
    task_id = world["task_of"][target["business_code"]]
    change = dict(change)
    code = world["drawn"][0]["business_code"] if change.pop("business", None) else target["business_code"]
    body = _body(code, target["officer_ids"], task_id) | change
    response = api.post(INSPECTIONS, headers=world["headers"][target["officer_ids"][0]], json=body)
    assert response.status_code == status, response.text
    assert _task(api, world, task_id)["status"] == "open"
    assert _plan_row(api, world, target["business_code"])["inspection"] is None


def test_a_complaints_task_gets_its_result_from_the_inspection(db, api, world):
    code, officers = world["codes"][0], world["officers"]
    task = tasks.create(db, source=TaskSource.COMPLAINT, business_code=code, title="后厨有老鼠",
                        deadline=clock.end_of_day(factories.days_from_today(5)), created_by="complainant")
    response = api.post(INSPECTIONS, headers=world["headers"][officers[3]],
                        json=_body(code, [officers[3], officers[2]], task.id, source="complaint",
                                   date=str(factories.days_from_today(-3))))
    assert response.status_code == 201, response.text
    moved = _task(api, world, task.id)
    assert moved["status"] == "result_recorded"
    assert any(response.json()["id"] in event["note"] for event in moved["history"])


def test_an_officer_of_another_unit_cannot_answer_the_task(api, world):
    target = world["drawn"][2]
    body = _body(target["business_code"], target["officer_ids"], world["task_of"][target["business_code"]])
    assert api.post(INSPECTIONS, headers=world["elsewhere"], json=body).status_code == 403


def test_assigning_a_drawn_task_outside_the_team_drawn_is_said_in_its_history(api, world):
    target = world["drawn"][3] if len(world["drawn"]) > 3 else world["drawn"][2]
    task_id = world["task_of"][target["business_code"]]
    outside = next(o for o in world["officers"] if o not in target["officer_ids"])
    for officer, said in ((target["officer_ids"][1], False), (outside, True)):
        response = api.post(f"/api/v1/tasks/{task_id}/assign", headers=world["admin"] | ENGLISH,
                            json={"officer_id": officer})
        assert response.status_code == 200, response.text
        note = response.json()["history"][-1]["note"]
        assert ("not one of the officers drawn" in note) is said and officer in note
