"""Tasks: created by features, listed per role (overdue first), closed once, history kept."""

from datetime import timedelta

import pytest

from backend import clock
from backend.errors import Conflict, Forbidden, NotFound, Unauthorized
from backend.tasks import service, workflow
from backend.tasks.schemas import TaskClose, TaskRectify, TaskSource, TaskStatus
from backend.users.schemas import Actor, Role
from tests import factories
from tests.factories import ADMIN


@pytest.fixture(scope="module")
def scene(db):
    factories.unit(db, id="U-TH", districts=("天河区",))
    code = factories.business(db, district="天河区")
    other = factories.business(db, district="越秀区")
    officer = Actor(username="off-th", role=Role.OFFICER, unit_id="U-TH", unit_districts=["天河区"])
    shop = Actor(username="shop", role=Role.ENTERPRISE, business_code=code)
    return code, other, officer, shop


def _task(db, code, *, days=3, source=TaskSource.COMPLAINT):
    return service.create(db, source=source, business_code=code, title="过期食品",
                          deadline=clock.now() + timedelta(days=days), created_by="system")


def test_officers_see_their_districts_overdue_first(db, scene):
    code, other, officer, _ = scene
    later, overdue = _task(db, code, days=5), _task(db, code, days=-1)
    _task(db, other)
    listed = service.list_for(db, actor=officer)
    ids = [task.id for task in listed.data]
    assert ids.index(overdue.id) < ids.index(later.id)
    assert all(task.district == "天河区" for task in listed.data)
    assert next(t for t in listed.data if t.id == overdue.id).overdue


def test_a_business_sees_only_its_own_rectification_tasks(db, scene):
    code, other, officer, shop = scene
    complaint, rectify, elsewhere = _task(db, code), _task(db, code), _task(db, other)
    for task in (rectify, elsewhere):
        workflow.require_rectification(db, actor=ADMIN, task_id=task.id, data=TaskRectify(
            deadline=clock.today() + timedelta(days=5), note="整改"))
    assert [task.id for task in service.list_for(db, actor=shop).data] == [rectify.id]
    with pytest.raises(Forbidden):  # a complaint about it stays with the officers
        service.get(db, actor=shop, task_id=complaint.id)


def test_closing_records_the_result_once(db, scene):
    code, _, officer, shop = scene
    task = _task(db, code)
    closed = service.close(db, actor=officer, task_id=task.id, data=TaskClose(result="已核查，已下架"))
    assert closed.status == TaskStatus.CLOSED and [e.action for e in closed.history] == ["created", "closed"]
    with pytest.raises(Conflict):
        service.close(db, actor=officer, task_id=task.id, data=TaskClose(result="again"))
    with pytest.raises(Forbidden):
        service.close(db, actor=shop, task_id=_task(db, code).id, data=TaskClose(result="自己关"))


@pytest.mark.parametrize(("actor", "error"), [
    (None, Unauthorized),
    (Actor(username="far", role=Role.OFFICER, unit_districts=["越秀区"]), Forbidden),
    (Actor(username="c", role=Role.CONSUMER), Forbidden),
])
def test_outsiders_cannot_list_or_read(db, scene, actor, error):
    code, *_ = scene
    task = _task(db, code)
    with pytest.raises(error):
        service.get(db, actor=actor, task_id=task.id)


def test_unknown_task(db, scene):
    with pytest.raises(NotFound):
        service.get(db, actor=scene[2], task_id="nope")


def test_a_bad_evaluations_follow_up_is_not_closed_from_the_inbox(db, scene):
    code, _, officer, _ = scene
    task = _task(db, code, source=TaskSource.EVALUATION_FOLLOW_UP)
    for actor in (officer, ADMIN):
        with pytest.raises(Forbidden, match="records the revisit"):
            service.close(db, actor=actor, task_id=task.id, data=TaskClose(result="直接关闭"))
    assert service.get(db, actor=officer, task_id=task.id).status == TaskStatus.OPEN
    assert db.task_events.count_documents({"task_id": task.id, "action": "closed"}) == 0
