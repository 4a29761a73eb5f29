"""Evaluations: only the inspected business, only an officer who was there, once per inspection;
a bad one opens a follow-up task with a working-day deadline, and its revisit counts as rectified."""

from datetime import date

import pytest
from bson import ObjectId

from backend import clock, workdays
from backend.errors import Conflict, Forbidden, Invalid, NotFound, Unauthorized
from backend.evaluations import service
from backend.evaluations.schemas import AnswerCreate, EvaluationCreate, Level, RevisitCreate, is_bad
from backend.officers import service as officers
from backend.tasks import service as tasks
from backend.tasks.schemas import TaskClose, TaskSource, TaskStatus
from backend.users import service as users
from backend.users.schemas import Actor, Role
from tests import factories


def _officer_actor(officer_id: str, districts=("天河区",)) -> Actor:
    return Actor(username=f"user-{officer_id}", role=Role.OFFICER, officer_id=officer_id,
                 unit_id="U-TH", unit_districts=list(districts))


@pytest.fixture(scope="module")
def scene(db):
    factories.unit(db, id="U-TH", districts=("天河区",))
    code, other = factories.business(db), factories.business(db)
    first, second, third = (factories.officer(db) for _ in range(3))
    shop = Actor(username="shop-a", role=Role.ENTERPRISE, business_code=code)
    return {"code": code, "other": other, "officers": (first, second, third), "shop": shop}


def _inspection(db, scene, code=None):
    first, second, _ = scene["officers"]
    return factories.inspection(db, code or scene["code"], [first, second])


def _evaluate(db, scene, inspection_id, officer_id, level=Level.SATISFIED, actor="shop"):
    return service.create(db, actor=scene["shop"] if actor == "shop" else actor, data=EvaluationCreate(
        inspection_id=inspection_id, officer_id=officer_id, level=level, comment="态度很好"))


@pytest.mark.parametrize(("level", "bad"), [
    (Level.VERY_SATISFIED, False), (Level.SATISFIED, False), (Level.BASICALLY_SATISFIED, False),
    (Level.DISSATISFIED, True), (Level.VERY_DISSATISFIED, True)])
def test_the_last_two_levels_are_bad(level, bad):
    assert is_bad(level) is bad


@pytest.mark.parametrize(("evaluated_on", "deadline"), [
    (date(2026, 11, 23), date(2026, 12, 14)),  # a Monday: three working weeks later
    (date(2026, 9, 25), date(2026, 10, 22)),   # over the National Day week, its 调休 Saturday worked
    (date(2026, 2, 6), date(2026, 3, 5)),      # over the Spring Festival, two 调休 Saturdays worked
])
def test_follow_up_deadline_is_15_working_days(evaluated_on, deadline):
    assert service.follow_up_deadline(evaluated_on) == deadline
    assert workdays.working_days_between(evaluated_on, deadline) == 15


def test_the_business_evaluates_each_officer_once_per_inspection(db, scene):
    inspection_id = _inspection(db, scene)
    first, second, _ = scene["officers"]
    given = _evaluate(db, scene, inspection_id, first)
    assert (given.level, given.bad, given.follow_up) == (Level.SATISFIED, False, None)
    assert given.business_code == scene["code"]
    _evaluate(db, scene, inspection_id, second)  # the other officer of the same inspection
    with pytest.raises(Conflict, match="already evaluated"):
        _evaluate(db, scene, inspection_id, first, level=Level.VERY_SATISFIED)
    # a later inspection can be evaluated again
    _evaluate(db, scene, _inspection(db, scene), first)


def test_only_an_officer_who_took_part(db, scene):
    inspection_id = _inspection(db, scene)
    with pytest.raises(Invalid, match="did not take part"):
        _evaluate(db, scene, inspection_id, scene["officers"][2])


@pytest.mark.parametrize("actor", [
    None,
    Actor(username="shop-b", role=Role.ENTERPRISE, business_code="91110000000000000X"),
    Actor(username="admin", role=Role.ADMIN),
    Actor(username="consumer", role=Role.CONSUMER),
], ids=["anonymous", "another business", "admin", "consumer"])
def test_nobody_but_the_inspected_business_may_evaluate(db, scene, actor):
    inspection_id = _inspection(db, scene)
    with pytest.raises((Forbidden, Unauthorized)):
        _evaluate(db, scene, inspection_id, scene["officers"][0], actor=actor)
    assert db.evaluations.count_documents({"inspection_id": inspection_id}) == 0


def test_an_unknown_inspection_is_not_found(db, scene):
    with pytest.raises(NotFound):
        _evaluate(db, scene, "0123456789abcdef01234567", scene["officers"][0])
    with pytest.raises(NotFound):
        _evaluate(db, scene, "not-an-id", scene["officers"][0])


def test_a_bad_evaluation_opens_a_follow_up_task_then_a_revisit_rectifies_it(db, scene):
    first, second, _ = scene["officers"]
    before = officers.public_profile(db, officer_id=first).evaluations
    bad = _evaluate(db, scene, _inspection(db, scene), first, level=Level.VERY_DISSATISFIED)
    assert bad.bad and bad.follow_up is not None
    assert bad.follow_up.deadline == service.follow_up_deadline(clock.today())
    assert bad.follow_up.status == "open"
    task = tasks.get(db, actor=Actor(username="admin", role=Role.ADMIN), task_id=bad.follow_up.task_id)
    assert (task.source, task.status, task.ref) == (TaskSource.EVALUATION_FOLLOW_UP, TaskStatus.OPEN, bad.id)
    assert clock.day_of(task.deadline) == bad.follow_up.deadline  # ends at its local midnight
    assert task.business_code == scene["code"]

    # the evaluated officer cannot certify their own rectification; a colleague revisits
    with pytest.raises(Forbidden):
        service.revisit(db, actor=_officer_actor(first), evaluation_id=bad.id,
                        data=RevisitCreate(rectified=True, note="已整改"))
    done = service.revisit(db, actor=_officer_actor(second), evaluation_id=bad.id,
                           data=RevisitCreate(rectified=True, note="回访企业，态度问题已整改"))
    assert done.follow_up.status == "rectified"
    with pytest.raises(Conflict):
        service.revisit(db, actor=_officer_actor(second), evaluation_id=bad.id,
                        data=RevisitCreate(rectified=False, note="again"))
    closed = tasks.get(db, actor=Actor(username="admin", role=Role.ADMIN), task_id=bad.follow_up.task_id)
    assert closed.status == TaskStatus.CLOSED

    after = officers.public_profile(db, officer_id=first).evaluations
    assert (after.bad - before.bad, after.bad_rectified - before.bad_rectified) == (1, 1)
    colleague = users.actor_for(db, username=factories.user(db, role=Role.OFFICER, officer_id=second))
    handled = officers.public_profile(db, officer_id=second).tasks_handled
    again = _evaluate(db, scene, _inspection(db, scene), first, level=Level.DISSATISFIED)
    service.revisit(db, actor=colleague, evaluation_id=again.id,
                    data=RevisitCreate(rectified=False, note="回访时企业仍有意见"))
    assert officers.public_profile(db, officer_id=second).tasks_handled == handled + 1
    assert officers.public_profile(db, officer_id=first).evaluations.bad_rectified \
        == after.bad_rectified


def test_a_good_evaluation_has_nothing_to_revisit(db, scene):
    good = _evaluate(db, scene, _inspection(db, scene), scene["officers"][0])
    with pytest.raises(Invalid):
        service.revisit(db, actor=_officer_actor(scene["officers"][1]), evaluation_id=good.id,
                        data=RevisitCreate(rectified=True, note="x"))


def test_an_officer_of_another_unit_cannot_revisit(db, scene):
    bad = _evaluate(db, scene, _inspection(db, scene), scene["officers"][0], level=Level.DISSATISFIED)
    with pytest.raises(Forbidden):
        service.revisit(db, actor=_officer_actor("OF-YX", districts=("越秀区",)),
                        evaluation_id=bad.id, data=RevisitCreate(rectified=True, note="x"))


def test_only_the_evaluated_officer_answers_once_and_the_answer_is_public(db, scene):
    first, second, _ = scene["officers"]
    given = _evaluate(db, scene, _inspection(db, scene), first, level=Level.BASICALLY_SATISFIED)
    with pytest.raises(Forbidden):
        service.answer(db, actor=_officer_actor(second), evaluation_id=given.id,
                       data=AnswerCreate(text="不是我"))
    answered = service.answer(db, actor=_officer_actor(first), evaluation_id=given.id,
                              data=AnswerCreate(text="感谢监督，我们会改进沟通方式。"))
    assert answered.answer.text == "感谢监督，我们会改进沟通方式。"
    with pytest.raises(Conflict):
        service.answer(db, actor=_officer_actor(first), evaluation_id=given.id,
                       data=AnswerCreate(text="再答一次"))
    public = service.for_officer(db, officer_id=first).data
    assert next(row for row in public if row.id == given.id).answer.text.startswith("感谢监督")


def test_lists_are_scoped_and_open_follow_ups_come_overdue_first(db, scene):
    shop_b = Actor(username="shop-b", role=Role.ENTERPRISE, business_code=scene["other"])
    _evaluate(db, scene, _inspection(db, scene, scene["other"]), scene["officers"][0],
              level=Level.DISSATISFIED, actor=shop_b)
    mine = service.list_for(db, actor=scene["shop"]).data
    assert mine and all(row.business_code == scene["code"] for row in mine)
    theirs = service.list_for(db, actor=shop_b).data
    assert [row.business_code for row in theirs] == [scene["other"]]
    assert service.list_for(db, actor=_officer_actor("x", districts=("越秀区",))).data == []
    db.evaluations.update_one({"business_code": scene["other"]},
                              {"$set": {"follow_up.deadline": clock.to_stored(date(2020, 1, 1))}})
    follow_ups = service.list_for(db, actor=_officer_actor("x"), open_follow_ups=True).data
    assert follow_ups[0].business_code == scene["other"] and follow_ups[0].follow_up.overdue
    assert all(row.follow_up.status == "open" for row in follow_ups)


def _bad(db, scene):
    return _evaluate(db, scene, _inspection(db, scene), scene["officers"][0], level=Level.DISSATISFIED)


def test_the_follow_up_closes_only_by_its_revisit_which_is_audited(db, scene):
    first, second, _ = scene["officers"]
    bad = _bad(db, scene)
    for officer in (first, second):  # the evaluated officer least of all
        with pytest.raises(Forbidden, match="revisit"):
            tasks.close(db, actor=_officer_actor(officer), task_id=bad.follow_up.task_id,
                        data=TaskClose(result="直接关闭"))
    done = service.revisit(db, actor=_officer_actor(second), evaluation_id=bad.id,
                           data=RevisitCreate(rectified=True, note="回访已整改"))
    assert done.follow_up.status == "rectified"
    entry = db.audit.find_one({"action": "evaluation.revisit", "target": bad.id})
    assert entry is not None and entry["data"]["status"] == "rectified"
    closed = tasks.get(db, actor=_officer_actor(second), task_id=bad.follow_up.task_id)
    assert closed.status == TaskStatus.CLOSED and closed.history[-1].note == "回访已整改"


def test_a_refused_revisit_changes_nothing(db, scene):
    bad = _bad(db, scene)
    db.tasks.delete_one({"_id": tasks.load(db, bad.follow_up.task_id)["_id"]})  # a task gone astray
    with pytest.raises(NotFound):
        service.revisit(db, actor=_officer_actor(scene["officers"][1]), evaluation_id=bad.id,
                        data=RevisitCreate(rectified=True, note="回访"))
    assert db.evaluations.find_one({"_id": ObjectId(bad.id)})["follow_up"]["status"] == "open"
    assert db.audit.count_documents({"action": "evaluation.revisit", "target": bad.id}) == 0


def test_a_follow_up_whose_task_was_closed_by_hand_can_still_be_revisited(db, scene):
    """Closed through the inbox before it refused follow-ups: the revisit is recorded all the same."""
    bad = _bad(db, scene)
    db.tasks.update_one({"_id": tasks.load(db, bad.follow_up.task_id)["_id"]},
                        {"$set": {"status": TaskStatus.CLOSED.value, "status_rank": 1}})
    done = service.revisit(db, actor=_officer_actor(scene["officers"][1]), evaluation_id=bad.id,
                           data=RevisitCreate(rectified=False, note="回访仍未整改"))
    assert done.follow_up.status == "not_rectified"
    assert db.audit.count_documents({"action": "evaluation.revisit", "target": bad.id}) == 1
