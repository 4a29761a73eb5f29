"""Administrators rename a unit and redraw its districts: its officers answer for the new districts
at once, their grids outside them are cleared, and a district's open tasks follow it to the unit
that covers it now."""

from datetime import timedelta

import pytest

from backend import clock
from backend.errors import Forbidden, Invalid, NotFound
from backend.grids import service as grids
from backend.grids.schemas import GridAssignment
from backend.officers import admin
from backend.officers import repository as units
from backend.officers.schemas import UnitUpdate
from backend.tasks import district_move
from backend.tasks import service as tasks
from backend.tasks.schemas import ACTION_LABELS, TaskSource
from backend.users.schemas import Actor, Role
from tests import factories

UNITS = "/api/v1/units"


@pytest.fixture(scope="module")
def admin_headers(db, api):
    return factories.signed_in(api, db, role=Role.ADMIN)


def _task(db, code, officer_id=None, *, closed=False):
    task_id = tasks.create(db, source=TaskSource.SPECIAL_CAMPAIGN, business_code=code, title="检查",
                           deadline=clock.now() + timedelta(days=7), created_by="factory-admin",
                           assignee=officer_id).id
    if closed:
        db.tasks.update_one({"_id": tasks.repository.object_id(task_id)}, {"$set": {"status": "closed"}})
    return task_id


def _assignee(db, task_id):
    return db.tasks.find_one({"_id": tasks.repository.object_id(task_id)})["assignee"]


def _grid(db, district, grid, officer_id):
    grids.assign(db, actor=factories.ADMIN, district=district, grid=grid,
                 data=GridAssignment(officer_id=officer_id))


def test_administrators_only(db, api):
    factories.unit(db, id="U-AO", districts=("奥区",))
    body = {"name": "改名所"}
    assert api.patch(f"{UNITS}/U-AO", json=body).status_code == 401
    in_unit = {"officer_id": factories.officer(db, unit_id="U-AO")}
    for role, bound in ((Role.CONSUMER, {}), (Role.OFFICER, in_unit)):
        headers = factories.signed_in(api, db, role=role, **bound)
        response = api.patch(f"{UNITS}/U-AO", json=body, headers=headers)
        assert response.status_code == 403, response.text
    officer = Actor(username="someone", role=Role.OFFICER, unit_id="U-AO", unit_districts=["奥区"])
    with pytest.raises(Forbidden):
        admin.update_unit(db, actor=officer, unit_id="U-AO", data=UnitUpdate(name="改名所"))
    assert db.units.find_one({"_id": "U-AO"})["name"] == "U-AO 市场监督管理所"


def test_a_unit_is_renamed_and_audited(db, api, admin_headers):
    factories.unit(db, id="U-RN", districts=("荔湾区",))
    response = api.patch(f"{UNITS}/U-RN", headers=admin_headers, json={"name": " 荔湾区市场监管所 "})
    assert response.status_code == 200, response.text
    assert response.json() == {"id": "U-RN", "name": "荔湾区市场监管所", "districts": ["荔湾区"],
                               "officers_in_service": 0, "districts_given_up": [], "tasks_moved": 0,
                               "tasks_unassigned": 0, "tasks_waiting": 0, "grids_released": 0}
    entry = db.audit.find_one({"target": "unit:U-RN", "action": "unit.update"})
    assert (entry["before"]["name"], entry["data"]["name"]) == ("U-RN 市场监督管理所", "荔湾区市场监管所")
    assert entry["actor"] != "anonymous"


def test_the_new_name_is_shown_wherever_the_unit_is(db, api, admin_headers):
    factories.unit(db, id="U-SH", districts=("白云区",))
    officer_id = factories.officer(db, unit_id="U-SH", name="白明")
    api.patch(f"{UNITS}/U-SH", headers=admin_headers, json={"name": "白云区市场监管所"})
    assert api.get(f"/api/v1/officers/{officer_id}").json()["unit_name"] == "白云区市场监管所"
    register = api.get("/api/v1/records/officers", params={"unit": "U-SH"}).json()["data"]
    assert [row["unit_name"] for row in register] == ["白云区市场监管所"]
    performance = api.get("/api/v1/performance", params={"pageSize": 100}).json()["data"]
    assert {row["unit_id"]: row["unit_name"] for row in performance}["U-SH"] == "白云区市场监管所"
    listed = api.get("/api/v1/officers", headers=admin_headers, params={"unit_id": "U-SH"}).json()
    assert listed["data"][0]["unit_name"] == "白云区市场监管所"


@pytest.mark.parametrize(("body", "status", "said"), [
    ({}, 422, "Nothing to change."),
    ({"name": "U-NC 市场监督管理所"}, 422, "Nothing to change."),
    ({"name": " U-NC 市场监督管理所 ", "districts": ["从化区", " 从化区"]}, 422, "Nothing to change."),
    ({"name": ""}, 422, "name: "),
    ({"name": None}, 422, "it cannot be null"),
    ({"districts": None}, 422, "it cannot be null"),
    ({"districts": []}, 422, "districts: Name at least one district."),
    ({"districts": [" ", ""]}, 422, "Name at least one district."),
    ({"districts": ["区" * 41]}, 422, "at most 40 characters"),
    ({"districts": "从化区"}, 422, "districts: "),
    ({"id": "U-OTHER"}, 422, "id: "),
    ({"districts": ["从化区", "增城区"]}, 409, "增城区 (U-ZC) already belongs to another unit."),
    ({"districts": ["花都区", "增城区"]}, 409,
     "花都区 (U-ZC), 增城区 (U-ZC) already belong to another unit."),
])
def test_bad_changes_are_refused(db, api, admin_headers, body, status, said):
    factories.unit(db, id="U-NC", districts=("从化区",))
    factories.unit(db, id="U-ZC", districts=("增城区", "花都区"))
    response = api.patch(f"{UNITS}/U-NC", headers=admin_headers, json=body)
    assert response.status_code == status and said in response.json()["detail"], response.text
    assert db.units.find_one({"_id": "U-NC"}) == {"_id": "U-NC", "name": "U-NC 市场监督管理所",
                                                  "districts": ["从化区"]}


def test_an_unknown_unit_is_not_found(db, api, admin_headers):
    response = api.patch(f"{UNITS}/U-NONE", headers=admin_headers, json={"name": "无"})
    assert response.status_code == 404 and response.json()["detail"] == "There is no unit U-NONE."
    with pytest.raises(NotFound):
        admin.update_unit(db, actor=factories.ADMIN, unit_id="U-NONE", data=UnitUpdate(districts=["无区"]))


def test_nothing_to_change_writes_nothing(db):
    factories.unit(db, id="U-NW", districts=("南湾区",))
    before = db.audit.count_documents({})
    with pytest.raises(Invalid, match="Nothing to change."):
        admin.update_unit(db, actor=factories.ADMIN, unit_id="U-NW", data=UnitUpdate())
    assert db.audit.count_documents({}) == before


def test_the_units_officers_answer_for_the_new_districts_at_once(db, api, admin_headers):
    factories.unit(db, id="U-OD", districts=("东区",))
    officer_id = factories.officer(db, unit_id="U-OD")
    headers = factories.token(api, factories.user(db, role=Role.OFFICER, officer_id=officer_id))
    assert api.get("/api/v1/auth/me", headers=headers).json()["unit_districts"] == ["东区"]
    changed = api.patch(f"{UNITS}/U-OD", headers=admin_headers, json={"districts": ["西区", "北区"]})
    assert changed.status_code == 200 and changed.json()["officers_in_service"] == 1
    # the same token, no new sign-in: districts are read from the unit at each request
    assert api.get("/api/v1/auth/me", headers=headers).json()["unit_districts"] == ["西区", "北区"]
    assert api.get("/api/v1/tasks", headers=headers).status_code == 200


def test_a_district_moves_to_another_unit_with_its_open_tasks(db, api, admin_headers):
    factories.unit(db, id="U-A", districts=("甲区", "乙区"))
    factories.unit(db, id="U-B", districts=("丙区",))
    a1, b1 = factories.officer(db, unit_id="U-A"), factories.officer(db, unit_id="U-B")
    a_headers = factories.token(api, factories.user(db, role=Role.OFFICER, officer_id=a1))
    b_headers = factories.token(api, factories.user(db, role=Role.OFFICER, officer_id=b1))
    moving, staying = factories.business(db, district="乙区"), factories.business(db, district="甲区")
    assigned, queued, done = _task(db, moving, a1), _task(db, moving), _task(db, moving, a1, closed=True)
    home = _task(db, staying, a1)
    _grid(db, "乙区", "乙-1", a1)
    _grid(db, "甲区", "甲-1", a1)

    # U-A gives 乙区 up: no unit covers it yet, so its tasks wait as they are
    given_up = api.patch(f"{UNITS}/U-A", headers=admin_headers, json={"districts": ["甲区"]}).json()
    assert (given_up["tasks_moved"], given_up["tasks_waiting"], given_up["grids_released"]) == (0, 2, 1)
    assert (given_up["districts_given_up"], given_up["tasks_unassigned"]) == (["乙区"], 0)
    assert (_assignee(db, assigned), _assignee(db, home)) == (a1, a1)
    assert grids.responsible_officer(db, district="乙区", grid="乙-1") is None
    assert grids.responsible_officer(db, district="甲区", grid="甲-1") == a1
    assert db.audit.find_one({"target": "乙区|乙-1", "action": "grid.unassign"})
    assert assigned not in [row["id"] for row in api.get("/api/v1/tasks", headers=a_headers).json()["data"]]

    # U-B takes 乙区 on: its open tasks come to U-B's queue, none left in U-A's officer's name
    taken = api.patch(f"{UNITS}/U-B", headers=admin_headers, json={"districts": ["丙区", "乙区"]}).json()
    assert (taken["tasks_moved"], taken["tasks_waiting"], taken["grids_released"]) == (2, 0, 0)
    assert (taken["districts_given_up"], taken["tasks_unassigned"]) == ([], 1)
    assert (_assignee(db, assigned), _assignee(db, queued), _assignee(db, done)) == (None, None, a1)
    last = db.task_events.find_one({"task_id": assigned}, sort=[("at", -1), ("_id", -1)])
    assert (last["action"], last["note"]) == (district_move.DISTRICT_MOVED, a1)
    assert district_move.DISTRICT_MOVED in ACTION_LABELS   # the task page says it in words
    entry = db.audit.find_one({"target": assigned, "action": "task.returned_to_queue"})
    assert (entry["data"]["reason"], entry["data"]["district"]) == (district_move.DISTRICT_MOVED, "乙区")
    inbox = [row["id"] for row in api.get("/api/v1/tasks", headers=b_headers).json()["data"]]
    assert {assigned, queued} <= set(inbox) and home not in inbox
    assert api.post(f"/api/v1/tasks/{assigned}/accept", headers=b_headers).json()["assignee"] == b1


def test_a_new_unit_over_a_district_none_covered_takes_its_waiting_tasks(db, api, admin_headers):
    factories.unit(db, id="U-E", districts=("己区", "庚区"))
    e1 = factories.officer(db, unit_id="U-E")
    shop = factories.business(db, district="庚区")
    assigned, queued = _task(db, shop, e1), _task(db, shop)
    api.patch(f"{UNITS}/U-E", headers=admin_headers, json={"districts": ["己区"]})
    assert _assignee(db, assigned) == e1   # waiting, as it was, while no unit covers 庚区
    created = api.post(UNITS, headers=admin_headers,
                       json={"id": "U-F", "name": "庚区所", "districts": ["庚区"]})
    assert created.status_code == 201
    assert (created.json()["tasks_moved"], created.json()["tasks_unassigned"]) == (2, 1)
    assert (_assignee(db, assigned), _assignee(db, queued)) == (None, None)   # in U-F's queue
    last = db.task_events.find_one({"task_id": assigned}, sort=[("at", -1), ("_id", -1)])
    assert (last["action"], last["note"]) == (district_move.DISTRICT_MOVED, e1)


def test_tasks_follow_a_district_another_unit_covers_already(db, api, admin_headers):
    # two units over one district: data from before a district had one unit only
    units.insert_unit(db, {"_id": "U-C", "name": "C所", "districts": ["丁区", "戊区"]})
    units.insert_unit(db, {"_id": "U-D", "name": "D所", "districts": ["丁区"]})
    c1, d1 = factories.officer(db, unit_id="U-C"), factories.officer(db, unit_id="U-D")
    code = factories.business(db, district="丁区")
    mine, theirs = _task(db, code, c1), _task(db, code, d1)
    changed = api.patch(f"{UNITS}/U-C", headers=admin_headers, json={"districts": ["戊区"]}).json()
    assert (changed["tasks_moved"], changed["tasks_waiting"], changed["tasks_unassigned"]) == (2, 0, 1)
    assert (_assignee(db, mine), _assignee(db, theirs)) == (None, d1)
    # and taking it back while U-D has it is refused, as at creation
    refused = api.patch(f"{UNITS}/U-C", headers=admin_headers, json={"districts": ["戊区", "丁区"]})
    assert refused.status_code == 409 and "丁区 (U-D) already belongs" in refused.json()["detail"]


def test_a_rename_alone_leaves_tasks_and_grids_as_they_are(db):
    factories.unit(db, id="U-KP", districts=("己区",))
    officer_id = factories.officer(db, unit_id="U-KP")
    task_id = _task(db, factories.business(db, district="己区"), officer_id)
    _grid(db, "己区", "己-1", officer_id)
    change = admin.update_unit(db, actor=factories.ADMIN, unit_id="U-KP",
                               data=UnitUpdate(name="己区所", districts=["己区"]))
    assert change.name == "己区所"
    assert (change.tasks_moved, change.tasks_waiting, change.grids_released) == (0, 0, 0)
    assert _assignee(db, task_id) == officer_id
    assert grids.responsible_officer(db, district="己区", grid="己-1") == officer_id
    entry = db.audit.find_one({"target": "unit:U-KP", "action": "unit.update"})
    assert entry["before"]["districts"] == entry["data"]["districts"] == ["己区"]


def test_a_unit_id_is_one_whatever_its_case(db, api, admin_headers):
    factories.unit(db, id="U-CASE", districts=("辛区",))
    renamed = api.patch(f"{UNITS}/u-case", headers=admin_headers, json={"name": "辛区所"})
    assert renamed.status_code == 200 and renamed.json()["id"] == "U-CASE"
    added = api.post("/api/v1/officers", headers=admin_headers, json={
        "id": "OF-CASE", "name": "大小写", "badge_number": "44010099", "unit_id": "u-case"})
    assert added.status_code == 201 and added.json()["unit_id"] == "U-CASE"
    listed = api.get("/api/v1/officers", headers=admin_headers, params={"unit_id": "u-case"}).json()
    assert [row["id"] for row in listed["data"]] == ["OF-CASE"]
