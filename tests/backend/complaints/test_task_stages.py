"""A complaint's task is due, and late, by the earliest stage still unmet (accept, verify, notify),
ordering a rectification counts as accepting it, and the stages that count from an earlier one
(notify from the verification, mediate from the acceptance) count from the day it was done."""

from datetime import timedelta

import pytest

from backend import clock, migrations, workdays
from backend.complaints import service, task_stages
from backend.complaints.schemas import ComplaintCreate, ComplaintReopen
from backend.config import get_settings
from backend.tasks import service as tasks
from backend.tasks import workflow
from backend.tasks.schemas import TaskClose, TaskRectify, TaskResult
from tests import factories
from tests.factories import ADMIN, days_from_today


@pytest.fixture(scope="module")
def code(db):
    factories.unit(db, id="U-TH", districts=("天河区",))
    return factories.business(db, district="天河区")


def _complain(db, code, client, phone="13812345678", category="hygiene"):
    created = service.submit(db, data=ComplaintCreate(business_code=code, category=category,
                                                      text="后厨老鼠乱窜，餐具不洗", phone=phone),
                             client=client)
    complaint = db.complaints.find_one({"tracking_code": created.tracking_code})
    return created.tracking_code, complaint["task_id"], complaint["deadlines"]


def _due(task):
    return task.deadline_stage, clock.day_of(task.deadline)


def test_the_task_moves_from_stage_to_stage(db, code):
    _, task_id, due = _complain(db, code, "s1")
    task = tasks.get(db, actor=ADMIN, task_id=task_id)
    assert _due(task) == ("accept", due["accept"].date())
    assert [stage.name for stage in task.stages] == ["accept", "verify", "notify"]
    workflow.accept(db, actor=ADMIN, task_id=task_id)
    assert _due(tasks.get(db, actor=ADMIN, task_id=task_id)) == ("verify", due["verify"].date())
    workflow.record_result(db, actor=ADMIN, task_id=task_id, data=TaskResult(result="属实"))
    told_by = _working_days_from_today(get_settings().complaint_notify_days)  # verified today
    assert _due(tasks.get(db, actor=ADMIN, task_id=task_id)) == ("notify", told_by)
    closed = tasks.close(db, actor=ADMIN, task_id=task_id, data=TaskClose(result="已告知"))
    assert _due(closed) == (None, told_by) and all(stage.met_at for stage in closed.stages)


def _working_days_from_today(days):
    return workdays.add_working_days(clock.today(), days)


def _tracked(db, tracking):
    """The deadlines the complainant's tracking page shows, by stage."""
    return {row.name: row.due for row in service.public(db, tracking_code=tracking).deadlines}


def test_an_unaccepted_complaint_is_overdue_by_its_accept_deadline_and_listed_first(db, code):
    _, late_id, _ = _complain(db, code, "s2")
    _, fresh_id, _ = _complain(db, code, "s3")
    stored = tasks.load(db, late_id)  # received long ago: its accept deadline has passed
    past = clock.now() - timedelta(days=2)
    db.tasks.update_one({"_id": stored["_id"]}, {"$set": {
        "stages": [stored["stages"][0] | {"due": past}, *stored["stages"][1:]], "deadline": past}})
    late = tasks.get(db, actor=ADMIN, task_id=late_id)
    assert late.overdue and late.deadline_stage == "accept"
    ids = [row.id for row in tasks.list_for(db, actor=ADMIN, page_size=100).data]
    assert ids.index(late_id) < ids.index(fresh_id)
    accepted = workflow.accept(db, actor=ADMIN, task_id=late_id)
    assert not accepted.overdue and accepted.deadline_stage == "verify"


def test_ordering_a_rectification_accepts_the_complaint(db, code):
    tracking, task_id, _ = _complain(db, code, "s4")
    ordered = workflow.require_rectification(db, actor=ADMIN, task_id=task_id,
                                             data=TaskRectify(deadline=days_from_today(5), note="整改"))
    assert ordered.deadline_stage == "verify"
    tracked = service.public(db, tracking_code=tracking)
    assert [step.step for step in tracked.steps] == ["created", "accepted", "rectification_required"]
    accept = next(row for row in tracked.deadlines if row.name == "accept")
    assert accept.met_on == clock.today() and not accept.overdue


def test_a_reopened_complaint_is_due_by_its_new_verification(db, code):
    tracking, task_id, _ = _complain(db, code, "s5", phone=None)
    tasks.close(db, actor=ADMIN, task_id=task_id, data=TaskClose(result="已处理"))
    service.reopen(db, tracking_code=tracking, data=ComplaintReopen(reason="问题又出现了"))
    reopened = tasks.get(db, actor=ADMIN, task_id=task_id)
    assert reopened.deadline_stage == "reverify" and reopened.stages[-1].met_at is None
    assert service.public(db, tracking_code=tracking).deadline == clock.day_of(reopened.deadline)


def test_tasks_stored_without_stages_render_then_get_them_once(db, code):
    _, task_id, due = _complain(db, code, "s6")
    workflow.accept(db, actor=ADMIN, task_id=task_id)
    stored = tasks.load(db, task_id)
    db.tasks.update_one({"_id": stored["_id"]}, {  # as an earlier version stored it
        "$set": {"deadline": clock.end_of_day(due["notify"].date())},
        "$unset": {"stages": "", "deadline_stage": ""}})
    old = tasks.get(db, actor=ADMIN, task_id=task_id)
    assert (old.deadline_stage, old.stages, old.overdue) == (None, [], False)
    task_stages.fill_tasks(db)
    filled = tasks.get(db, actor=ADMIN, task_id=task_id)
    assert _due(filled) == ("verify", due["verify"].date())
    assert [stage.met_at is not None for stage in filled.stages] == [True, False, False]
    task_stages.fill_tasks(db)  # run again: changes nothing
    assert tasks.get(db, actor=ADMIN, task_id=task_id).stages == filled.stages
    assert ("complaint-tasks-carry-their-stages", task_stages.fill_tasks) in migrations.STEPS


def test_the_complainant_is_told_within_days_of_the_verification_not_of_its_deadline(db, code):
    tracking, task_id, due = _complain(db, code, "s7")
    assert _tracked(db, tracking)["notify"] == due["notify"].date()  # a forecast until verified
    workflow.accept(db, actor=ADMIN, task_id=task_id)
    workflow.record_result(db, actor=ADMIN, task_id=task_id, data=TaskResult(result="属实"))
    told_by = _working_days_from_today(get_settings().complaint_notify_days)
    assert told_by < due["notify"].date()
    assert _due(tasks.get(db, actor=ADMIN, task_id=task_id)) == ("notify", told_by)  # the inbox
    assert _tracked(db, tracking)["notify"] == told_by  # the tracking page


def test_a_mediation_closes_within_days_of_the_acceptance_not_of_its_deadline(db, code):
    tracking, task_id, due = _complain(db, code, "s8", phone=None, category="consumer_dispute")
    assert _tracked(db, tracking)["mediate"] == due["mediate"].date()  # a forecast until accepted
    workflow.accept(db, actor=ADMIN, task_id=task_id)  # accepted the day it came
    closes_by = _working_days_from_today(get_settings().complaint_mediation_days)
    assert closes_by < due["mediate"].date()
    [mediate] = [stage for stage in tasks.get(db, actor=ADMIN, task_id=task_id).stages
                 if stage.name == "mediate"]
    assert clock.day_of(mediate.due) == closes_by == _tracked(db, tracking)["mediate"]
    workflow.record_result(db, actor=ADMIN, task_id=task_id, data=TaskResult(result="调解中"))
    closed = tasks.close(db, actor=ADMIN, task_id=task_id, data=TaskClose(result="调解成功"))
    # the deadline the closure is judged by (the on-time rate) is the one the tracker shows
    assert clock.day_of(closed.deadline) == closes_by == service.public(db, tracking_code=tracking).deadline


def test_tasks_filled_with_their_stages_count_from_what_was_done(db, code):
    tracking, task_id, due = _complain(db, code, "s9", phone=None, category="consumer_dispute")
    workflow.accept(db, actor=ADMIN, task_id=task_id)
    stored = tasks.load(db, task_id)
    db.tasks.update_one({"_id": stored["_id"]}, {"$unset": {"stages": "", "deadline_stage": ""}})
    task_stages.fill_tasks(db)
    [mediate] = [stage for stage in tasks.get(db, actor=ADMIN, task_id=task_id).stages
                 if stage.name == "mediate"]
    assert clock.day_of(mediate.due) == _working_days_from_today(get_settings().complaint_mediation_days)
