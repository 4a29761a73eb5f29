"""What a unit's redrawn districts will do, counted before it is done (the portal asks to confirm,
the API answers `?dry_run=true`): the same counts the change then gives, and nothing written."""

from datetime import timedelta

import pytest

from backend import clock
from backend.errors import Conflict, Forbidden, Invalid
from backend.grids import service as grids
from backend.grids.schemas import GridAssignment
from backend.officers import admin
from backend.officers import repository as units
from backend.officers.schemas import UnitUpdate
from backend.tasks import service as tasks
from backend.tasks.schemas import TaskSource
from backend.users.schemas import Actor, Role
from tests import factories

UNITS = "/api/v1/units"
COUNTS = ("districts_given_up", "tasks_moved", "tasks_unassigned", "tasks_waiting", "grids_released")
WRITTEN = ("units", "tasks", "task_events", "grid_officers", "audit")


@pytest.fixture(scope="module")
def admin_headers(db, api):
    return factories.signed_in(api, db, role=Role.ADMIN)


def _task(db, district, officer_id=None, *, closed=False):
    task_id = tasks.create(db, source=TaskSource.SPECIAL_CAMPAIGN,
                           business_code=factories.business(db, district=district), title="检查",
                           deadline=clock.now() + timedelta(days=7), created_by="factory-admin",
                           assignee=officer_id).id
    if closed:
        db.tasks.update_one({"_id": tasks.repository.object_id(task_id)}, {"$set": {"status": "closed"}})
    return task_id


def _grid(db, district, grid, officer_id):
    grids.assign(db, actor=factories.ADMIN, district=district, grid=grid,
                 data=GridAssignment(officer_id=officer_id))


def _snapshot(db):
    return {name: sorted(db[name].find(), key=lambda row: str(row["_id"])) for name in WRITTEN}


def _scene(db, prefix):
    """A unit over 一, 二, 三 (三 in another unit's list too, as in data from before a district had
    one unit only); 四 covered by none, with work in it."""
    one, two, three, four = (f"{prefix}{n}区" for n in "一二三四")
    units.insert_unit(db, {"_id": f"{prefix}-P", "name": f"{prefix}P所", "districts": [one, two, three]})
    units.insert_unit(db, {"_id": f"{prefix}-Q", "name": f"{prefix}Q所", "districts": [three]})
    units.insert_unit(db, {"_id": f"{prefix}-R", "name": f"{prefix}R所", "districts": [f"{prefix}远区"]})
    p1, p2 = factories.officer(db, unit_id=f"{prefix}-P"), factories.officer(db, unit_id=f"{prefix}-P")
    q1, r1 = factories.officer(db, unit_id=f"{prefix}-Q"), factories.officer(db, unit_id=f"{prefix}-R")
    _task(db, one, p1), _task(db, two, p1), _task(db, two), _task(db, two, p2, closed=True)
    _task(db, three, p1), _task(db, three, q1), _task(db, three)
    _task(db, four, r1), _task(db, four), _task(db, four, p2)
    _grid(db, one, "1-1", p1), _grid(db, two, "2-1", p1), _grid(db, two, "2-2", p2)
    _grid(db, three, "3-1", p2)
    return {"unit": f"{prefix}-P", "redrawn": [one, four], "given_up": [two, three]}


def test_the_preview_counts_what_the_change_then_does_and_writes_nothing(db):
    scene = _scene(db, "甲")
    data = UnitUpdate(name="甲P所（新）", districts=scene["redrawn"])
    before = _snapshot(db)
    preview = admin.unit_change_preview(db, actor=factories.ADMIN, unit_id=scene["unit"], data=data)
    assert _snapshot(db) == before  # the unit, tasks, their history, grids, audit: all as they were
    # 二: two open tasks wait; 三: three go to Q, one of them (p1's) unassigned; 四: three come,
    # r1's unassigned; the grids in 二 and 三 cleared
    assert [getattr(preview, name) for name in COUNTS] == [scene["given_up"], 6, 2, 2, 3]
    assert (preview.name, preview.districts, preview.to_confirm()) == ("甲P所（新）", scene["redrawn"], True)

    change = admin.update_unit(db, actor=factories.ADMIN, unit_id=scene["unit"], data=data)
    assert change == preview
    returned = db.audit.count_documents({"action": "task.returned_to_queue"})
    released = db.audit.count_documents({"action": "grid.unassign"})
    assert (returned, released) == (change.tasks_unassigned, change.grids_released)
    assert db.grid_officers.count_documents({}) == 1  # 一's, kept


@pytest.mark.parametrize(("data", "to_confirm"), [
    ({"name": "乙P所（新）"}, False),
    ({"districts": ["乙一区", "乙二区", "乙三区", "乙新区"]}, False),  # taken on, nothing in it
    ({"districts": ["乙一区", "乙二区", "乙三区", "乙四区"]}, True),  # taken on, with its tasks
    ({"districts": ["乙一区", "乙三区"]}, True),  # given up
])
def test_what_asks_to_be_confirmed(db, data, to_confirm):
    if db.units.find_one({"_id": "乙-P"}) is None:
        _scene(db, "乙")
    preview = admin.unit_change_preview(db, actor=factories.ADMIN, unit_id="乙-P", data=UnitUpdate(**data))
    assert preview.to_confirm() is to_confirm


def test_a_district_given_up_with_nothing_in_it_is_still_confirmed(db):
    factories.unit(db, id="U-EM", districts=("空一区", "空二区"))
    preview = admin.unit_change_preview(db, actor=factories.ADMIN, unit_id="U-EM",
                                        data=UnitUpdate(districts=["空一区"]))
    assert [getattr(preview, name) for name in COUNTS] == [["空二区"], 0, 0, 0, 0]
    assert preview.to_confirm()


def test_the_preview_refuses_what_the_change_refuses(db):
    factories.unit(db, id="U-RF", districts=("拒区",))
    factories.unit(db, id="U-RG", districts=("另区",))
    for data, refused in ((UnitUpdate(), Invalid), (UnitUpdate(districts=["拒区", "另区"]), Conflict),
                          (UnitUpdate(name="U-RG 市场监督管理所"), Conflict)):
        with pytest.raises(refused):
            admin.unit_change_preview(db, actor=factories.ADMIN, unit_id="U-RF", data=data)
    officer = Actor(username="someone", role=Role.OFFICER, unit_id="U-RF", unit_districts=["拒区"])
    with pytest.raises(Forbidden):
        admin.unit_change_preview(db, actor=officer, unit_id="U-RF", data=UnitUpdate(districts=["新区"]))


def test_the_api_dry_run_answers_the_counts_and_changes_nothing(db, api, admin_headers):
    scene = _scene(db, "丙")
    body = {"districts": scene["redrawn"]}
    before = _snapshot(db)
    dry = api.patch(f"{UNITS}/{scene['unit']}", headers=admin_headers, json=body, params={"dry_run": "true"})
    assert dry.status_code == 200, dry.text
    assert _snapshot(db) == before
    assert [dry.json()[name] for name in COUNTS] == [scene["given_up"], 6, 2, 2, 3]
    done = api.patch(f"{UNITS}/{scene['unit']}", headers=admin_headers, json=body)
    assert done.status_code == 200 and done.json() == dry.json()
    assert db.units.find_one({"_id": scene["unit"]})["districts"] == scene["redrawn"]


def test_the_api_dry_run_is_refused_as_the_change_is(db, api, admin_headers):
    factories.unit(db, id="U-DA", districts=("达区",))
    factories.unit(db, id="U-DB", districts=("北达区",))
    refused = api.patch(f"{UNITS}/U-DA", headers=admin_headers, params={"dry_run": "true"},
                        json={"districts": ["达区", "北达区"]})
    assert refused.status_code == 409 and "北达区 (U-DB) already belongs" in refused.json()["detail"]
    assert api.patch(f"{UNITS}/U-DA", params={"dry_run": "true"}, json={"name": "达"}).status_code == 401
