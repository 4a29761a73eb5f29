"""What became of the business's rectification: the officer accepts it, refuses it or sends it back
(why, and when), and the business reads that in its own view of the task."""

from datetime import timedelta

import pytest
from pydantic import ValidationError

from backend import clock, uploads, workdays
from backend.complaints import service as complaints
from backend.complaints.schemas import ComplaintCreate
from backend.errors import Conflict, Forbidden, Invalid, Unauthorized
from backend.tasks import service, workflow
from backend.tasks.schemas import (
    TaskClose,
    TaskRectify,
    TaskResult,
    TaskSendBack,
    TaskSource,
    TaskStatus,
    Verdict,
)
from backend.users.schemas import Actor, Role
from tests import factories
from tests.factories import days_from_today

SECRET = "举报人李四，电话13900002222"


@pytest.fixture(scope="module")
def scene(db):
    factories.unit(db, id="U-TH", districts=("天河区",))
    code = factories.business(db, district="天河区")
    return {"code": code,
            "officer": Actor(username="out-th", role=Role.OFFICER, officer_id=factories.officer(db),
                             unit_id="U-TH", unit_districts=["天河区"]),
            "far": Actor(username="out-yx", role=Role.OFFICER, unit_districts=["越秀区"]),
            "shop": Actor(username="out-shop", role=Role.ENTERPRISE, business_code=code)}


def _ordered(db, scene, *, source=TaskSource.SPECIAL_CAMPAIGN, days=5):
    task = service.create(db, source=source, business_code=scene["code"], title="专项整治",
                          deadline=clock.now() + timedelta(days=10), created_by="system")
    workflow.require_rectification(db, actor=scene["officer"], task_id=task.id,
                                   data=TaskRectify(deadline=days_from_today(days), note="清理冰箱"))
    return task.id


def _rectified(db, scene, task_id, note="已清理"):
    return workflow.add_evidence(db, actor=scene["shop"], task_id=task_id, note=note, files=[])


def test_closing_after_the_business_rectified_needs_a_verdict(db, scene):
    task_id = _ordered(db, scene)
    _rectified(db, scene, task_id)
    with pytest.raises(Invalid, match="say whether it is accepted"):
        service.close(db, actor=scene["officer"], task_id=task_id, data=TaskClose(result="复查合格"))
    assert service.get(db, actor=scene["officer"], task_id=task_id).status == TaskStatus.RECTIFYING


def test_a_rectification_sent_back_still_needs_a_verdict_to_close(db, scene):
    """Sent back, the order still runs: closing says what became of it (here: not accepted), so
    the business never reads "closed" beside "sent back for more rectification"."""
    task_id = _ordered(db, scene)
    _rectified(db, scene, task_id)
    workflow.send_back(db, actor=scene["officer"], task_id=task_id,
                       data=TaskSendBack(reason="冷柜温度仍为8度", deadline=days_from_today(9)))
    with pytest.raises(Invalid, match="say whether it is accepted"):
        service.close(db, actor=scene["officer"], task_id=task_id, data=TaskClose(result="结案"))
    assert service.get(db, actor=scene["officer"], task_id=task_id).status == TaskStatus.RECTIFYING
    done = service.close(db, actor=scene["officer"], task_id=task_id, data=TaskClose(
        result="复查不合格", rectification=Verdict.NOT_ACCEPTED, rectification_note="逾期未整改"))
    seen = service.get(db, actor=scene["shop"], task_id=task_id)
    assert done.status == seen.status == TaskStatus.CLOSED
    assert seen.outcome.verdict == Verdict.NOT_ACCEPTED and seen.outcome.reason == "逾期未整改"


def test_an_order_the_business_never_answered_closes_without_a_verdict(db, scene):
    task_id = _ordered(db, scene)
    done = service.close(db, actor=scene["officer"], task_id=task_id, data=TaskClose(result="已关停"))
    assert done.status == TaskStatus.CLOSED and done.outcome is None


def test_accepted_is_what_the_business_reads_with_the_day(db, scene):
    task_id = _ordered(db, scene)
    _rectified(db, scene, task_id)
    before = clock.now()
    service.close(db, actor=scene["officer"], task_id=task_id,
                  data=TaskClose(result="复查合格", rectification=Verdict.ACCEPTED))
    seen = service.get(db, actor=scene["shop"], task_id=task_id)
    assert seen.outcome.verdict == Verdict.ACCEPTED and seen.outcome.at >= before
    assert not seen.awaiting_decision
    assert "rectification_accepted" in [event.action for event in seen.history]
    listed = next(t for t in service.list_for(db, actor=scene["shop"]).data if t.id == task_id)
    assert listed.outcome.verdict == Verdict.ACCEPTED
    assert db.audit.find_one({"target": task_id, "action": "task.close"})["data"]["outcome"]["verdict"] \
        == "accepted"


@pytest.mark.parametrize(("verdict", "note", "message"), [
    (Verdict.NOT_ACCEPTED, "", "Tell the business why"),
    (Verdict.WITHDRAWN, " ", "Tell the business why"),
    (Verdict.SENT_BACK, "还有积水", "its own step"),
])
def test_a_verdict_that_is_not_acceptance_says_why(verdict, note, message):
    with pytest.raises(ValidationError, match=message):
        TaskClose(result="r", rectification=verdict, rectification_note=note)
    with pytest.raises(ValidationError):
        TaskClose(result="r", rectification="maybe")


def test_not_accepted_on_a_complaint_shows_the_reason_not_the_complaint(db, scene):
    created = complaints.submit(db, data=ComplaintCreate(
        business_code=scene["code"], category="hygiene", text=SECRET, phone="13900002222"),
        client="outcome-1")
    task_id = db.complaints.find_one({"tracking_code": created.tracking_code})["task_id"]
    workflow.require_rectification(db, actor=scene["officer"], task_id=task_id,
                                   data=TaskRectify(deadline=days_from_today(5), note="灭鼠"))
    _rectified(db, scene, task_id)
    service.close(db, actor=scene["officer"], task_id=task_id, data=TaskClose(
        result=f"已告知{SECRET}：未整改到位，转立案", rectification=Verdict.NOT_ACCEPTED,
        rectification_note="复查时仍发现鼠迹"))
    seen = service.get(db, actor=scene["shop"], task_id=task_id)
    assert seen.outcome.verdict == Verdict.NOT_ACCEPTED and seen.outcome.reason == "复查时仍发现鼠迹"
    assert "李四" not in seen.model_dump_json() and seen.result is None
    assert [e.action for e in seen.history] == ["rectification_required", "evidence",
                                                "rectification_not_accepted"]


def test_a_verdict_on_a_task_that_ordered_nothing_is_refused(db, scene):
    task = service.create(db, source=TaskSource.RANDOM_DRAW, business_code=scene["code"], title="抽查",
                          deadline=clock.now() + timedelta(days=3), created_by="system")
    with pytest.raises(Invalid, match="no rectification"):
        service.close(db, actor=scene["officer"], task_id=task.id,
                      data=TaskClose(result="r", rectification=Verdict.ACCEPTED))
    assert service.close(db, actor=scene["officer"], task_id=task.id,
                         data=TaskClose(result="r")).outcome is None


def test_sent_back_waits_on_the_business_again_with_the_reason_and_a_new_deadline(db, scene):
    task_id = _ordered(db, scene, days=3)
    _rectified(db, scene, task_id)
    workflow.record_result(db, actor=scene["officer"], task_id=task_id,
                           data=TaskResult(result="复查：地面仍有积水"))
    back = workflow.send_back(db, actor=scene["officer"], task_id=task_id, data=TaskSendBack(
        reason="地面仍有积水", deadline=days_from_today(8)))
    assert back.status == TaskStatus.RECTIFYING and not back.awaiting_decision
    assert back.rectification_deadline == clock.end_of_day(days_from_today(8))
    seen = service.get(db, actor=scene["shop"], task_id=task_id)
    assert seen.outcome.verdict == Verdict.SENT_BACK and seen.outcome.reason == "地面仍有积水"
    assert seen.outcome.deadline == days_from_today(8) and seen.history[-1].action == "sent_back"
    assert db.audit.count_documents({"target": task_id, "action": "task.sent_back"}) == 1
    again = _rectified(db, scene, task_id, note="已彻底清理")  # it can send again
    assert again.awaiting_decision and again.outcome.verdict == Verdict.SENT_BACK
    done = service.close(db, actor=scene["officer"], task_id=task_id,
                         data=TaskClose(result="复查合格", rectification=Verdict.ACCEPTED))
    assert done.outcome.verdict == Verdict.ACCEPTED


def test_sending_back_keeps_the_deadline_unless_a_new_one_is_given(db, scene):
    task_id = _ordered(db, scene, days=4)
    _rectified(db, scene, task_id)
    back = workflow.send_back(db, actor=scene["officer"], task_id=task_id,
                              data=TaskSendBack(reason="照片不清楚"))
    assert back.rectification_deadline == clock.end_of_day(days_from_today(4))
    assert back.outcome.deadline == days_from_today(4)


def test_the_same_send_back_twice_is_one(db, scene):
    task_id = _ordered(db, scene)
    _rectified(db, scene, task_id)
    data = TaskSendBack(reason="再整改", deadline=days_from_today(6))
    workflow.send_back(db, actor=scene["officer"], task_id=task_id, data=data)
    workflow.send_back(db, actor=scene["officer"], task_id=task_id, data=data)
    assert db.task_events.count_documents({"task_id": task_id, "action": "sent_back"}) == 1
    with pytest.raises(Conflict, match="no rectification from the business"):
        workflow.send_back(db, actor=scene["officer"], task_id=task_id,
                           data=TaskSendBack(reason="另一个理由"))


def test_nothing_to_send_back_before_the_business_sent_anything(db, scene):
    task_id = _ordered(db, scene)
    with pytest.raises(Conflict):
        workflow.send_back(db, actor=scene["officer"], task_id=task_id, data=TaskSendBack(reason="x"))
    workflow.add_evidence(db, actor=scene["officer"], task_id=task_id, note="执法人员拍照", files=[
        uploads.Upload("p.png", factories.photo("PNG"))])
    with pytest.raises(Conflict):  # the officer's own evidence is not the business's rectification
        workflow.send_back(db, actor=scene["officer"], task_id=task_id, data=TaskSendBack(reason="x"))


def test_a_passed_deadline_needs_a_new_one_to_send_back(db, scene, monkeypatch):
    task_id = _ordered(db, scene, days=1)
    _rectified(db, scene, task_id)
    later_now, later_day, tomorrow = clock.now() + timedelta(days=3), days_from_today(3), days_from_today(1)
    monkeypatch.setattr(clock, "now", lambda: later_now)
    monkeypatch.setattr(clock, "today", lambda: later_day)
    with pytest.raises(Invalid, match="give the business a new one"):
        workflow.send_back(db, actor=scene["officer"], task_id=task_id, data=TaskSendBack(reason="x"))
    with pytest.raises(Invalid, match="in the past"):
        workflow.send_back(db, actor=scene["officer"], task_id=task_id,
                           data=TaskSendBack(reason="x", deadline=tomorrow))  # passed by now
    back = workflow.send_back(db, actor=scene["officer"], task_id=task_id,
                              data=TaskSendBack(reason="x", deadline=days_from_today(7)))
    assert back.rectification_deadline == clock.end_of_day(days_from_today(7))


@pytest.mark.parametrize("who", ["shop", "far", None])
def test_only_officers_of_the_tasks_unit_send_back(db, scene, who):
    task_id = _ordered(db, scene)
    _rectified(db, scene, task_id)
    expected = Unauthorized if who is None else Forbidden
    with pytest.raises(expected):
        workflow.send_back(db, actor=scene.get(who) if who else None, task_id=task_id,
                           data=TaskSendBack(reason="x"))
    assert service.get(db, actor=scene["officer"], task_id=task_id).awaiting_decision


def test_a_report_sent_where_the_work_is_counts_as_the_rectification(db, scene):
    task_id = _ordered(db, scene)
    workflow.report(db, task_id=task_id, by=scene["shop"].username, note="已整改")
    assert service.get(db, actor=scene["shop"], task_id=task_id).awaiting_decision


def test_a_task_waiting_on_the_business_is_due_no_earlier_than_the_check_after_its_deadline(db, scene):
    """复查: officers check within RECHECK_WORKING_DAYS of the rectification deadline, so a task
    whose own deadline came first moves to that day, ordered or sent back; one later stays."""
    recheck = clock.end_of_day(workdays.add_working_days(days_from_today(30), 5))
    task_id = _ordered(db, scene, days=30)   # the task itself was due in 10 days
    assert service.get(db, actor=scene["officer"], task_id=task_id).deadline == recheck
    _rectified(db, scene, task_id)
    later = clock.end_of_day(workdays.add_working_days(days_from_today(60), 5))
    back = workflow.send_back(db, actor=scene["officer"], task_id=task_id,
                              data=TaskSendBack(reason="仍未整改", deadline=days_from_today(60)))
    assert (back.deadline, back.overdue) == (later, False)
    short = service.create(db, source=TaskSource.SPECIAL_CAMPAIGN, business_code=scene["code"],
                           title="专项整治", deadline=clock.now() + timedelta(days=10), created_by="system")
    workflow.require_rectification(db, actor=scene["officer"], task_id=short.id,
                                   data=TaskRectify(deadline=days_from_today(1), note="清理冰箱"))
    soon = clock.end_of_day(workdays.add_working_days(days_from_today(1), 5))  # most days: before 10
    assert service.get(db, actor=scene["officer"], task_id=short.id).deadline == max(short.deadline, soon)
