"""A task's steps: who may take each, from which status, and the business's rectification."""

from datetime import timedelta

import pytest

from backend import clock, uploads
from backend.errors import Conflict, Forbidden, Invalid, NotFound, Unauthorized
from backend.phrases import Phrase
from backend.tasks import service, workflow
from backend.tasks.schemas import TaskAssign, TaskClose, TaskRectify, TaskResult, TaskSource, TaskStatus
from backend.users.schemas import Actor, Role
from tests import factories
from tests.factories import days_from_today

PDF = b"%PDF-1.4\n" + b"0" * 50


@pytest.fixture(scope="module")
def scene(db):
    factories.unit(db, id="U-TH", districts=("天河区",))
    factories.unit(db, id="U-YX", districts=("越秀区",))
    mine, colleague = factories.officer(db, unit_id="U-TH"), factories.officer(db, unit_id="U-TH")
    stranger = factories.officer(db, unit_id="U-YX")
    code = factories.business(db, district="天河区")
    officer = Actor(username="off-th", role=Role.OFFICER, officer_id=mine, unit_id="U-TH",
                    unit_districts=["天河区"])
    return {"code": code, "officer": officer, "colleague": colleague, "stranger": stranger,
            "shop": Actor(username="shop", role=Role.ENTERPRISE, business_code=code),
            "other_shop": Actor(username="shop2", role=Role.ENTERPRISE,
                                business_code=factories.business(db, district="天河区")),
            "far": Actor(username="far", role=Role.OFFICER, unit_districts=["越秀区"])}


def _task(db, scene):
    return service.create(db, source=TaskSource.RANDOM_DRAW, business_code=scene["code"],
                          title="双随机检查", deadline=clock.now() + timedelta(days=10),
                          created_by="system").id


def test_the_whole_way_with_history(db, scene):
    officer, task_id = scene["officer"], _task(db, scene)
    accepted = workflow.accept(db, actor=officer, task_id=task_id)
    assert accepted.status == TaskStatus.ACCEPTED and accepted.assignee == officer.officer_id
    workflow.assign(db, actor=officer, task_id=task_id, data=TaskAssign(officer_id=scene["colleague"]))
    workflow.record_result(db, actor=officer, task_id=task_id, data=TaskResult(result="基本符合"))
    done = service.close(db, actor=officer, task_id=task_id, data=TaskClose(result="已闭环"))
    assert done.assignee == scene["colleague"]
    assert [e.action for e in done.history] == ["created", "accepted", "assigned", "result", "closed"]
    assert db.task_events.count_documents({"task_id": task_id}) == 5  # appended, never rewritten


@pytest.mark.parametrize(("step", "allowed_from"), [
    ("accept", {"open"}),
    ("result", {"accepted", "rectifying", "result_recorded"}),
])
def test_steps_only_from_their_statuses(db, scene, step, allowed_from):
    officer = scene["officer"]
    for status in ("open", "accepted", "closed"):
        task_id = _task(db, scene)
        if status != "open":
            workflow.accept(db, actor=officer, task_id=task_id)
        if status == "closed":
            service.close(db, actor=officer, task_id=task_id, data=TaskClose(result="done"))
        run = {"accept": lambda t: workflow.accept(db, actor=officer, task_id=t),
               "result": lambda t: workflow.record_result(db, actor=officer, task_id=t,
                                                          data=TaskResult(result="r"))}[step]
        if status in allowed_from:
            run(task_id)
        else:
            with pytest.raises(Conflict):
                run(task_id)


def test_a_step_out_of_order_names_the_status_in_words(db, scene):
    from backend import i18n

    task_id = _task(db, scene)
    workflow.accept(db, actor=scene["officer"], task_id=task_id)
    with pytest.raises(Conflict) as refused:
        workflow.accept(db, actor=scene["officer"], task_id=task_id)
    assert refused.value.translated(lambda m: m) == "This task cannot do that now: it is Accepted."
    with i18n.language("zh-Hans"):
        assert "accepted" not in refused.value.translated(i18n.gettext)


def test_a_step_that_changes_nothing_is_done_not_refused(db, scene):
    """Assigning the officer a task has, or ordering again what was ordered, matched the task
    and changed nothing: it was refused as if the task were in the wrong status."""
    officer, task_id = scene["officer"], _task(db, scene)
    workflow.accept(db, actor=officer, task_id=task_id)
    again = TaskAssign(officer_id=scene["colleague"])
    workflow.assign(db, actor=officer, task_id=task_id, data=again)
    assert workflow.assign(db, actor=officer, task_id=task_id, data=again).assignee == scene["colleague"]
    order = {"deadline": days_from_today(7), "note": "请整改"}
    workflow.require_rectification(db, actor=officer, task_id=task_id, data=TaskRectify(**order))
    done = workflow.require_rectification(db, actor=officer, task_id=task_id,
                                          data=TaskRectify(**order | {"note": "另附说明"}))
    assert [e.note for e in done.history][-2:] == ["请整改", "另附说明"]
    assert done.history[-1].deadline == order["deadline"]  # the history says what was ordered
    resent = workflow.require_rectification(db, actor=officer, task_id=task_id,
                                            data=TaskRectify(**order | {"note": "另附说明"}))
    assert len(resent.history) == len(done.history)  # the same order twice (a resubmit) is one


def test_a_rectification_deadline_is_at_most_a_year_away(db, scene):
    officer, task_id = scene["officer"], _task(db, scene)
    workflow.accept(db, actor=officer, task_id=task_id)
    with pytest.raises(Invalid, match="at most a year away"):
        workflow.require_rectification(db, actor=officer, task_id=task_id,
                                       data=TaskRectify(deadline=days_from_today(366), note="x"))


def test_assign_only_within_the_unit(db, scene):
    task_id = _task(db, scene)
    with pytest.raises(Invalid):
        workflow.assign(db, actor=scene["officer"], task_id=task_id,
                        data=TaskAssign(officer_id=scene["stranger"]))
    with pytest.raises(Forbidden):
        workflow.assign(db, actor=scene["far"], task_id=task_id,
                        data=TaskAssign(officer_id=scene["stranger"]))


@pytest.mark.parametrize("who", ["shop", "other_shop", "far", None])
def test_only_officers_of_the_district_move_tasks(db, scene, who):
    actor = scene[who] if who else None
    with pytest.raises((Forbidden, Unauthorized)):
        workflow.accept(db, actor=actor, task_id=_task(db, scene))


def test_the_business_rectifies_before_its_deadline(db, scene):
    officer, shop, task_id = scene["officer"], scene["shop"], _task(db, scene)
    assert task_id not in [t.id for t in service.list_for(db, actor=shop).data]  # not yet its business
    with pytest.raises(Forbidden):
        workflow.add_evidence(db, actor=shop, task_id=task_id, note="已整改", files=[])
    workflow.require_rectification(db, actor=officer, task_id=task_id,
                                   data=TaskRectify(deadline=days_from_today(3), note="生熟分开存放"))
    assert task_id in [t.id for t in service.list_for(db, actor=shop).data]
    with pytest.raises(Forbidden):
        workflow.add_evidence(db, actor=scene["other_shop"], task_id=task_id, note="x", files=[])
    with pytest.raises(Invalid):
        workflow.add_evidence(db, actor=shop, task_id=task_id, note="",
                              files=[uploads.Upload("x.exe", b"MZ")])
    sent = workflow.add_evidence(db, actor=shop, task_id=task_id, note="冰箱已分区",
                                 files=[uploads.Upload("report.pdf", PDF)])
    evidence = sent.history[-1]
    assert evidence.action == "evidence" and evidence.by == "shop" and len(evidence.files) == 1
    assert workflow.file(db, actor=officer, task_id=task_id, file_id=evidence.files[0])[1] == \
        "application/pdf"


def test_no_evidence_after_the_rectification_deadline(db, scene):
    task_id = _task(db, scene)
    workflow.require_rectification(db, actor=scene["officer"], task_id=task_id,
                                   data=TaskRectify(deadline=days_from_today(0), note="今天内整改"))
    db.tasks.update_one({"_id": service.load(db, task_id)["_id"]},
                        {"$set": {"rectification_deadline": clock.now() - timedelta(minutes=1)}})
    with pytest.raises(Invalid):
        workflow.add_evidence(db, actor=scene["shop"], task_id=task_id, note="晚了", files=[])
    with pytest.raises(Invalid):
        workflow.require_rectification(db, actor=scene["officer"], task_id=task_id,
                                       data=TaskRectify(deadline=days_from_today(-1), note="昨天"))


def test_evidence_over_the_api(api, db, scene):
    task_id = _task(db, scene)
    workflow.require_rectification(db, actor=scene["officer"], task_id=task_id,
                                   data=TaskRectify(deadline=days_from_today(5), note="整改"))
    headers = factories.signed_in(api, db, role=Role.ENTERPRISE, business_code=scene["code"])
    sent = api.post(f"/api/v1/tasks/{task_id}/evidence", data={"note": "已整改"},
                    files=[("files", ("r.pdf", PDF, "application/pdf"))], headers=headers)
    assert sent.status_code == 200, sent.text
    file_id = sent.json()["history"][-1]["files"][0]
    got = api.get(f"/api/v1/tasks/{task_id}/files/{file_id}", headers=headers)
    assert got.status_code == 200 and got.content == PDF
    assert api.get(f"/api/v1/tasks/{task_id}/files/{file_id}").status_code == 401


def test_assigning_an_unknown_officer_says_there_is_none(db, scene):
    with pytest.raises(NotFound, match="There is no officer NOPE"):
        workflow.assign(db, actor=scene["officer"], task_id=_task(db, scene),
                        data=TaskAssign(officer_id="NOPE"))


def test_ordering_a_rectification_accepts_an_open_task_first(db, scene):
    officer, task_id = scene["officer"], _task(db, scene)
    ordered = workflow.require_rectification(db, actor=officer, task_id=task_id,
                                             data=TaskRectify(deadline=days_from_today(5), note="整改"))
    assert ordered.status == TaskStatus.RECTIFYING and ordered.assignee == officer.officer_id
    assert [e.action for e in ordered.history] == ["created", "accepted", "rectification_required"]


def test_the_assign_route_answers_404_for_an_unknown_officer(api, db, scene):
    headers = factories.signed_in(api, db, role=Role.OFFICER, officer_id=scene["colleague"])
    refused = api.post(f"/api/v1/tasks/{_task(db, scene)}/assign", json={"officer_id": "NOPE"},
                       headers=headers)
    assert refused.status_code == 404 and refused.json()["detail"] == "There is no officer NOPE."


def test_tasks_name_their_business(db, scene):
    """An inbox of credit codes told an officer nothing: each task carries its business's name."""
    task_id = _task(db, scene)
    name = db.businesses.find_one({"code": scene["code"]})["name"]
    listed = service.list_for(db, actor=scene["officer"], page_size=100).data
    assert {t.business_name for t in listed if t.id == task_id} == {name}
    assert service.get(db, actor=scene["officer"], task_id=task_id).business_name == name


@pytest.mark.parametrize("routed_to", ["colleague", None])
def test_the_officer_who_accepts_a_task_handles_it(db, scene, routed_to):
    """Routed to a colleague or to nobody, the task is the acceptor's from then on; the history
    says whom it was taken from."""
    officer = scene["officer"]
    task_id = service.create(db, source=TaskSource.COMPLAINT, business_code=scene["code"],
                             title="投诉", deadline=clock.now() + timedelta(days=10), created_by="system",
                             assignee=scene[routed_to] if routed_to else None).id
    accepted = workflow.accept(db, actor=officer, task_id=task_id)
    assert accepted.assignee == officer.officer_id
    step = accepted.history[-1]
    assert (step.action, step.by) == ("accepted", "off-th")
    # a phrase, read in the reader's language (the site's here)
    assert step.note == (Phrase(workflow.TAKEN_FROM, officer=scene["colleague"]).said() if routed_to else "")


def test_an_administrator_accepts_a_task_for_the_officer_it_was_routed_to(db, scene):
    task_id = service.create(db, source=TaskSource.COMPLAINT, business_code=scene["code"], title="投诉",
                             deadline=clock.now() + timedelta(days=10), created_by="system",
                             assignee=scene["colleague"]).id
    accepted = workflow.accept(db, actor=factories.ADMIN, task_id=task_id)
    assert accepted.assignee == scene["colleague"] and accepted.history[-1].note == ""
