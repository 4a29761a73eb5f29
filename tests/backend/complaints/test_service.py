"""Complaints end to end through the services: routing, tracking, reopen once, satisfaction."""

import pytest

from backend import clock, uploads
from backend.complaints import service
from backend.complaints.schemas import ComplaintCreate, ComplaintFeedback, ComplaintReopen
from backend.errors import Conflict, Invalid, NotFound, TooManyRequests
from backend.grids import service as grids
from backend.grids.schemas import GridAssignment
from backend.tasks import service as tasks
from backend.tasks import workflow
from backend.tasks.schemas import TaskClose, TaskResult, TaskSource
from backend.users.schemas import Actor, Role
from tests import factories
from tests.factories import ADMIN

JPEG = factories.photo()
OFFICER = Actor(username="off", role=Role.OFFICER, officer_id="x", unit_id="U-TH",
                unit_districts=["天河区"])


@pytest.fixture(scope="module")
def scene(db):
    factories.unit(db, id="U-TH", districts=("天河区",))
    factories.unit(db, id="U-YX", districts=("越秀区",))
    grid_officer = factories.officer(db, unit_id="U-TH")
    moved = factories.officer(db, unit_id="U-YX")
    mapped = factories.business(db, district="天河区", grid="TH-01")
    unmapped = factories.business(db, district="天河区", grid="TH-99")
    stale = factories.business(db, district="天河区", grid="TH-02")
    grids.assign(db, actor=ADMIN, district="天河区", grid="TH-01",
                 data=GridAssignment(officer_id=grid_officer))
    db.grid_officers.insert_one({"_id": "天河区|TH-02", "district": "天河区", "grid": "TH-02",
                                 "officer_id": moved})  # an officer since moved to another unit
    return {"officer": grid_officer, "mapped": mapped, "unmapped": unmapped, "stale": stale}


def _complain(db, code, *, phone=None, client="10.0.0.1", photos=None, category="hygiene"):
    return service.submit(db, data=ComplaintCreate(business_code=code, category=category,
                                                   text="后厨老鼠乱窜，餐具不洗", phone=phone),
                          client=client, photos=photos)


def _task_of(db, created):
    complaint = db.complaints.find_one({"tracking_code": created.tracking_code})
    return tasks.load(db, complaint["task_id"])


@pytest.mark.parametrize(("business", "assignee"), [
    ("mapped", "officer"),  # the grid's officer
    ("unmapped", None),  # no mapping: the unit's shared queue
    ("stale", None),  # the mapped officer no longer covers the district: the unit's queue
])
def test_a_complaint_routes_to_the_grids_officer(db, scene, business, assignee):
    task = _task_of(db, _complain(db, scene[business], client=f"r-{business}"))
    assert task["source"] == TaskSource.COMPLAINT and task["district"] == "天河区"
    assert task["assignee"] == (scene[assignee] if assignee else None)


def test_the_tracker_shows_steps_and_deadlines_without_personal_data(db, scene):
    created = _complain(db, scene["mapped"], phone="138 1234 5678", client="t1")
    assert created.phone == "138****5678"
    shown = service.public(db, tracking_code=created.tracking_code)
    assert [step.step for step in shown.steps] == ["created"]
    assert {row.name for row in shown.deadlines} == {"accept", "verify", "notify"}
    assert shown.phone == "138****5678" and "13812345678" not in shown.model_dump_json()
    assert "老鼠" not in shown.model_dump_json()  # the complaint's text stays with the officers
    assert service.contact(db, actor=OFFICER, task_id=_task_of(db, created)["_id"].__str__()) \
        == "13812345678"


def test_photos_are_checked_before_anything_is_stored(db, scene):
    before = db.complaints.count_documents({})
    with pytest.raises(Invalid):
        _complain(db, scene["mapped"], client="p1", photos=[uploads.Upload("a.jpg", b"<svg/>")])
    with pytest.raises(Invalid):
        _complain(db, scene["mapped"], client="p2", photos=[uploads.Upload("a.jpg", JPEG)] * 4)
    assert db.complaints.count_documents({}) == before
    created = _complain(db, scene["mapped"], client="p3", photos=[uploads.Upload("a.jpg", JPEG)] * 2)
    assert created.photos == 2
    task = _task_of(db, created)
    events = [e for e in tasks.get(db, actor=ADMIN, task_id=str(task["_id"])).history
              if e.action == "evidence"]
    content, kind = workflow.file(db, actor=ADMIN, task_id=str(task["_id"]), file_id=events[0].files[0])
    assert content.startswith(b"\xff\xd8\xff") and kind == "image/jpeg"  # re-encoded, without metadata


def test_reopen_once_then_satisfaction(db, scene):
    created = _complain(db, scene["mapped"], client="r1")
    code, task_id = created.tracking_code, str(_task_of(db, created)["_id"])
    with pytest.raises(Conflict):  # still open
        service.reopen(db, tracking_code=code, data=ComplaintReopen(reason="还没处理完呢"))
    workflow.accept(db, actor=ADMIN, task_id=task_id)
    workflow.record_result(db, actor=ADMIN, task_id=task_id, data=TaskResult(result="已责令整改"))
    tasks.close(db, actor=ADMIN, task_id=task_id, data=TaskClose(result="已整改完毕"))
    closed = service.public(db, tracking_code=code)
    assert closed.status == "closed" and closed.result == "已整改完毕" and closed.can_reopen
    assert all(row.met_on for row in closed.deadlines)
    reopened = service.reopen(db, tracking_code=code, data=ComplaintReopen(reason="老鼠又出现了"))
    assert reopened.status == "accepted" and not reopened.can_reopen and reopened.reopened
    again = reopened.deadlines[-1]  # the first round's deadlines stay met; the new one is open
    assert again.name == "reverify" and again.met_on is None and again.working_days_left > 0
    assert all(row.met_on for row in reopened.deadlines[:-1])
    tasks.close(db, actor=ADMIN, task_id=task_id, data=TaskClose(result="复查已整改"))
    assert service.public(db, tracking_code=code).deadlines[-1].met_on == clock.today()
    with pytest.raises(Conflict):
        service.reopen(db, tracking_code=code, data=ComplaintReopen(reason="再来一次可以吗"))
    rated = service.give_feedback(db, tracking_code=code, data=ComplaintFeedback(satisfied=True))
    assert rated.feedback == "satisfied" and not rated.can_give_feedback
    with pytest.raises(Conflict):
        service.give_feedback(db, tracking_code=code, data=ComplaintFeedback(satisfied=False))


@pytest.mark.parametrize("code", ["", "nope", "23456789ABCD", "x" * 500])
def test_unknown_codes(db, scene, code):
    with pytest.raises(NotFound):
        service.public(db, tracking_code=code)


def test_rate_limited_per_address(db, scene):
    for _ in range(5):
        _complain(db, scene["unmapped"], client="flood")
    with pytest.raises(TooManyRequests):
        _complain(db, scene["unmapped"], client="flood")
    _complain(db, scene["unmapped"], client="someone-else")
