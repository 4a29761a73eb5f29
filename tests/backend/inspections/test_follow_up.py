"""An inspection with findings and a rectification deadline opens one rectification task: the
business sees it in its tasks, the inspecting unit in its inbox; none without a deadline."""

from datetime import timedelta

import pytest

from backend import clock, uploads, workdays
from backend.errors import Conflict, Forbidden
from backend.inspections import follow_up
from backend.inspections import service as inspections
from backend.inspections.schemas import InspectionCreate
from backend.tasks import service as tasks
from backend.tasks import workflow
from backend.tasks.schemas import TaskClose, TaskSource, TaskStatus, Verdict
from backend.users.schemas import Actor, Role
from tests import factories
from tests.factories import ADMIN, days_from_today


@pytest.fixture(scope="module")
def scene(db):
    factories.unit(db, id="U-TH", districts=("天河区",))
    factories.unit(db, id="U-YX", districts=("越秀区",))
    me, colleague = factories.officer(db, unit_id="U-TH"), factories.officer(db, unit_id="U-TH")
    far = factories.officer(db, unit_id="U-YX")
    code = factories.business(db, district="天河区")
    return {"code": code, "me": me, "colleague": colleague, "far_id": far,
            "officer": Actor(username="insp-th", role=Role.OFFICER, officer_id=me, unit_id="U-TH",
                             unit_districts=["天河区"]),
            "far": Actor(username="insp-yx", role=Role.OFFICER, officer_id=far, unit_id="U-YX",
                         unit_districts=["越秀区"]),
            "shop": Actor(username="insp-shop", role=Role.ENTERPRISE, business_code=code),
            "other_shop": Actor(username="insp-shop2", role=Role.ENTERPRISE,
                                business_code=factories.business(db, district="天河区"))}


def _record(db, scene, *, days_ago=0, result="non_compliant", deadline_in=10, actor=None,
            officers=None, code=None):
    deadline = {} if deadline_in is None else {"rectification_deadline": days_from_today(deadline_in)}
    found = {} if result == "compliant" else {"items_found": ["后厨地面有积水", "冰箱生熟混放"]}
    return inspections.record(db, actor=actor or scene["officer"], data=InspectionCreate(
        business_code=code or scene["code"], date=days_from_today(-days_ago), source="routine",
        officer_ids=officers or [scene["me"], scene["colleague"]], result=result,
        checked_items=["食品贮存"], opinion="限期整改", **found, **deadline))


def _tasks_of(db, inspection_id):
    return list(db.tasks.find({"source": "inspection", "ref": inspection_id}))


def test_findings_with_a_deadline_open_one_task_waiting_on_the_business(db, scene):
    recorded = _record(db, scene, days_ago=1, deadline_in=10)
    [stored] = _tasks_of(db, recorded.id)
    task = tasks.get(db, actor=scene["officer"], task_id=str(stored["_id"]))
    assert task.source == TaskSource.INSPECTION and task.business_code == scene["code"]
    assert task.status == TaskStatus.RECTIFYING and task.assignee == scene["me"]
    assert task.rectification_deadline == clock.end_of_day(days_from_today(10))
    # the officers' own deadline: the check of the rectification, RECHECK_WORKING_DAYS after it
    assert task.deadline == clock.end_of_day(workdays.add_working_days(days_from_today(10), 5))
    assert "后厨地面有积水; 冰箱生熟混放" in task.detail and "限期整改" in task.detail
    assert [e.action for e in task.history] == ["created", "accepted", "rectification_required"]
    assert task.history[-1].deadline == days_from_today(10)
    # the business finds it in its tasks, the unit in its inbox; nobody else
    assert task.id in [t.id for t in tasks.list_for(db, actor=scene["shop"]).data]
    assert task.id in [t.id for t in tasks.list_for(db, actor=scene["officer"],
                                                    source=TaskSource.INSPECTION).data]
    assert task.id not in [t.id for t in tasks.list_for(db, actor=scene["other_shop"]).data]
    with pytest.raises(Forbidden):
        tasks.get(db, actor=scene["far"], task_id=task.id)
    assert db.audit.count_documents({"target": task.id, "action": "task.create"}) == 1


@pytest.mark.parametrize("result", ["non_compliant", "basically_compliant"])
def test_both_results_with_findings_open_a_task(db, scene, result):
    code = factories.business(db, district="天河区")
    recorded = _record(db, scene, result=result, code=code)
    assert len(_tasks_of(db, recorded.id)) == 1


def test_an_inspection_without_a_deadline_opens_none(db, scene):
    code = factories.business(db, district="天河区")
    compliant = _record(db, scene, result="compliant", deadline_in=None, code=code)
    assert _tasks_of(db, compliant.id) == []
    assert tasks.list_for(db, actor=Actor(username="s", role=Role.ENTERPRISE, business_code=code)
                          ).meta.totalCount == 0


def test_an_older_record_entered_after_its_deadline_opens_none(db, scene):
    late = _record(db, scene, actor=ADMIN, days_ago=40, deadline_in=-20)
    assert late.rectification_deadline == days_from_today(-20) and _tasks_of(db, late.id) == []
    assert not follow_up.opens_task("non_compliant", days_from_today(-1), clock.today())
    assert follow_up.opens_task("basically_compliant", clock.today(), clock.today())
    assert not follow_up.opens_task("compliant", days_from_today(3), clock.today())


def test_a_retried_record_opens_no_second_task(db, scene):
    code = factories.business(db, district="天河区")
    recorded = _record(db, scene, days_ago=2, code=code)
    with pytest.raises(Conflict):  # the same inspection sent again
        _record(db, scene, days_ago=2, code=code)
    assert len(_tasks_of(db, recorded.id)) == 1
    stored = db.inspections.find_one({"fingerprint": {"$exists": True}, "business_code": code})
    assert follow_up.open_task(db, actor=scene["officer"], inspection=stored) is not None
    assert len(_tasks_of(db, recorded.id)) == 1 and db.task_events.count_documents(
        {"task_id": str(_tasks_of(db, recorded.id)[0]["_id"]), "action": "rectification_required"}) == 1


def test_a_retry_after_a_call_that_stopped_half_way_completes_the_task(db, scene):
    """The first call recorded the inspection and died before its task (or its order): the retry
    is refused as a duplicate, and the task is there once, waiting on the business."""
    code = factories.business(db, district="天河区")
    recorded = _record(db, scene, days_ago=3, code=code)
    db.tasks.delete_many({"source": "inspection", "ref": recorded.id})
    with pytest.raises(Conflict):
        _record(db, scene, days_ago=3, code=code)
    [task] = _tasks_of(db, recorded.id)
    assert task["status"] == TaskStatus.RECTIFYING
    # died between opening the task and ordering the business: the retry gives the order
    db.tasks.update_one({"_id": task["_id"]}, {"$set": {"status": "open", "rectification_deadline": None}})
    with pytest.raises(Conflict):
        _record(db, scene, days_ago=3, code=code)
    [task] = _tasks_of(db, recorded.id)
    assert task["status"] == TaskStatus.RECTIFYING and task["rectification_deadline"]


def test_an_administrators_entry_goes_to_an_inspecting_officer_of_the_unit(db, scene):
    code = factories.business(db, district="天河区")
    recorded = _record(db, scene, actor=ADMIN, officers=[scene["far_id"], scene["colleague"]], code=code)
    [task] = _tasks_of(db, recorded.id)
    assert task["assignee"] == scene["colleague"]  # the first of the officers over 天河区


def test_the_business_rectifies_and_the_unit_accepts(db, scene):
    code = factories.business(db, district="天河区")
    shop = Actor(username="insp-shop3", role=Role.ENTERPRISE, business_code=code)
    recorded = _record(db, scene, code=code)
    task_id = str(_tasks_of(db, recorded.id)[0]["_id"])
    sent = workflow.add_evidence(db, actor=shop, task_id=task_id, note="已清理地面，生熟分开",
                                 files=[uploads.Upload("r.png", factories.photo("PNG"))])
    assert sent.awaiting_decision and sent.rectification_sent_at
    with pytest.raises(Forbidden):  # the business cannot close its own task
        tasks.close(db, actor=shop, task_id=task_id, data=TaskClose(result="done"))
    with pytest.raises(Forbidden):  # nor an officer of another unit
        tasks.close(db, actor=scene["far"], task_id=task_id, data=TaskClose(
            result="复查合格", rectification=Verdict.ACCEPTED))
    tasks.close(db, actor=scene["officer"], task_id=task_id,
                data=TaskClose(result="复查合格", rectification=Verdict.ACCEPTED))
    seen = tasks.get(db, actor=shop, task_id=task_id)
    assert seen.status == TaskStatus.CLOSED and seen.outcome.verdict == Verdict.ACCEPTED


def test_an_unrectified_task_is_overdue_for_both_sides(db, scene, monkeypatch):
    code = factories.business(db, district="天河区")
    shop = Actor(username="insp-shop4", role=Role.ENTERPRISE, business_code=code)
    recorded = _record(db, scene, code=code, deadline_in=2)
    task_id = str(_tasks_of(db, recorded.id)[0]["_id"])
    later = clock.now() + timedelta(days=5)
    monkeypatch.setattr(clock, "now", lambda: later)
    assert tasks.get(db, actor=shop, task_id=task_id).overdue       # the business missed its day
    assert not tasks.get(db, actor=scene["officer"], task_id=task_id).overdue   # the check is not due yet
    checked_by = clock.end_of_day(workdays.add_working_days(days_from_today(2), 5))
    monkeypatch.setattr(clock, "now", lambda: checked_by + timedelta(seconds=1))
    assert tasks.get(db, actor=scene["officer"], task_id=task_id).overdue
