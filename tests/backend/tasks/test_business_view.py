"""What a business sees of a task holding a third party's material (a complaint, an escalated
review, a fault reported by the public): the officer's order and its own uploads, nothing else."""

from datetime import timedelta

import pytest

from backend import clock, uploads
from backend.complaints import service as complaints
from backend.complaints.schemas import ComplaintCreate
from backend.errors import NotFound
from backend.tasks import service, workflow
from backend.tasks.schemas import TaskRectify, TaskSource
from backend.users import service as users
from backend.users.schemas import Role, UserCreate
from tests import factories
from tests.factories import ADMIN, days_from_today

TEXT = "我是住在隔壁302的张三，电话13900001111，后厨老鼠很多"
PHOTO = factories.photo("PNG")
PDF = b"%PDF-1.4\n" + b"0" * 50
ORDER = "请于期限内完成灭鼠并上传照片"


@pytest.fixture(scope="module")
def scene(db):
    factories.unit(db, id="U-TH", districts=("天河区",))
    code = factories.business(db, district="天河区")
    officer = factories.user(db, role=Role.OFFICER, officer_id=factories.officer(db, unit_id="U-TH"))
    shop, colleague = (factories.user(db, role=Role.ENTERPRISE, business_code=code) for _ in range(2))
    return {"code": code, "officer": users.actor_for(db, username=officer),
            "shop": users.actor_for(db, username=shop), "shop_name": shop,
            "colleague": users.actor_for(db, username=colleague)}


def _ordered_complaint(db, scene, client):
    created = complaints.submit(db, data=ComplaintCreate(
        business_code=scene["code"], category="hygiene", text=TEXT, phone="13900001111"),
        client=client, photos=[uploads.Upload("p.jpg", PHOTO)])
    task_id = db.complaints.find_one({"tracking_code": created.tracking_code})["task_id"]
    workflow.accept(db, actor=scene["officer"], task_id=task_id)
    workflow.require_rectification(db, actor=scene["officer"], task_id=task_id,
                                   data=TaskRectify(deadline=days_from_today(7), note=ORDER))
    return task_id


def _photo_of(task):
    return next(event.files[0] for event in task.history if event.by == complaints.COMPLAINANT
                and event.files)


def test_the_business_sees_the_order_not_the_complaint(db, scene):
    task_id = _ordered_complaint(db, scene, "b1")
    full = service.get(db, actor=scene["officer"], task_id=task_id)
    assert TEXT in full.detail and "张三" in full.title  # the officers see everything
    photo = _photo_of(full)
    shown = service.get(db, actor=scene["shop"], task_id=task_id)
    dumped = shown.model_dump_json()
    for secret in ("张三", "13900001111", "老鼠很多", photo):
        assert secret not in dumped
    assert shown.detail == "" and shown.result is None and shown.ref is None and not shown.stages
    assert [event.action for event in shown.history] == ["rectification_required"]
    assert shown.history[0].note == ORDER and shown.history[0].deadline == days_from_today(7)
    assert shown.deadline == shown.rectification_deadline and not shown.overdue
    listed = next(row for row in service.list_for(db, actor=scene["shop"]).data if row.id == task_id)
    assert "张三" not in listed.title and "老鼠" not in listed.title
    with pytest.raises(NotFound):
        workflow.file(db, actor=scene["shop"], task_id=task_id, file_id=photo)
    assert workflow.file(db, actor=scene["officer"], task_id=task_id, file_id=photo)[1] == "image/png"


def test_the_business_sees_its_own_accounts_uploads(db, scene):
    task_id = _ordered_complaint(db, scene, "b2")
    sent = workflow.add_evidence(db, actor=scene["colleague"], task_id=task_id, note="已灭鼠",
                                 files=[uploads.Upload("r.pdf", PDF)])
    workflow.add_evidence(db, actor=scene["officer"], task_id=task_id, note="现场复查笔记", files=[])
    shown = service.get(db, actor=scene["shop"], task_id=task_id)
    assert [event.note for event in shown.history] == [ORDER, "已灭鼠"]  # not the officer's note
    own = sent.history[-1].files[0]
    assert workflow.file(db, actor=scene["shop"], task_id=task_id, file_id=own)[0] == PDF


@pytest.mark.parametrize("source", [TaskSource.REVIEW_ESCALATION, TaskSource.EQUIPMENT_FAULT])
def test_other_third_party_sources_are_reduced_too(db, scene, source):
    task = service.create(db, source=source, business_code=scene["code"], title="某某说：很差",
                          detail="举报人电话 13900002222", deadline=clock.now() + timedelta(days=5),
                          created_by="public")
    workflow.require_rectification(db, actor=ADMIN, task_id=task.id,
                                   data=TaskRectify(deadline=days_from_today(5), note=ORDER))
    shown = service.get(db, actor=scene["shop"], task_id=task.id)
    assert "13900002222" not in shown.model_dump_json() and "某某" not in shown.title
    assert [event.note for event in shown.history] == [ORDER]


def test_the_business_sees_its_own_kind_of_task_in_full(db, scene):
    task = service.create(db, source=TaskSource.RANDOM_DRAW, business_code=scene["code"],
                          title="双随机检查", detail="检查冷库", deadline=clock.now() + timedelta(days=20),
                          created_by="system")
    workflow.require_rectification(db, actor=ADMIN, task_id=task.id,
                                   data=TaskRectify(deadline=days_from_today(5), note=ORDER))
    shown = service.get(db, actor=scene["shop"], task_id=task.id)
    assert (shown.title, shown.detail) == ("双随机检查", "检查冷库")
    # one deadline, its own: the officers' (20 days) is theirs
    assert shown.deadline == shown.rectification_deadline
    assert service.get(db, actor=scene["officer"], task_id=task.id).deadline != shown.deadline
    # and every file its history shows: an officer's too (its page linked to files that answered 404)
    officers = workflow.add_evidence(db, actor=scene["officer"], task_id=task.id, note="复查照片",
                                     files=[uploads.Upload("r.pdf", PDF)])
    file_id = next(event.files[0] for event in officers.history if event.files)
    assert workflow.file(db, actor=scene["shop"], task_id=task.id, file_id=file_id)[0] == PDF


def test_over_the_api(api, db, scene):
    task_id = _ordered_complaint(db, scene, "b3")
    photo = _photo_of(service.get(db, actor=scene["officer"], task_id=task_id))
    shop = factories.token(api, scene["shop_name"])
    got = api.get(f"/api/v1/tasks/{task_id}", headers=shop)
    assert got.status_code == 200 and ORDER in got.text
    assert "张三" not in got.text and "13900001111" not in got.text and photo not in got.text
    assert api.get(f"/api/v1/tasks/{task_id}/files/{photo}", headers=shop).status_code == 404
    assert "张三" not in api.get("/api/v1/tasks", headers=shop).text


def test_an_account_named_like_the_complainant_still_cannot_read_their_photos(db, scene):
    # The name is reserved now; an account from before that was not refused
    users.create(db, data=UserCreate(username="namesake.b4", password=factories.PASSWORD,
                                     role=Role.ENTERPRISE, business_code=scene["code"]))
    db.users.update_one({"username": "namesake.b4"}, {"$set": {
        "username": complaints.COMPLAINANT, "username_key": complaints.COMPLAINANT.casefold()}})
    task_id = _ordered_complaint(db, scene, "b4")
    photo = _photo_of(service.get(db, actor=scene["officer"], task_id=task_id))
    namesake = users.actor_for(db, username=complaints.COMPLAINANT)
    assert photo not in service.get(db, actor=namesake, task_id=task_id).model_dump_json()
    with pytest.raises(NotFound):
        workflow.file(db, actor=namesake, task_id=task_id, file_id=photo)
