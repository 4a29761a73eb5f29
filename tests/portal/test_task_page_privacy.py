"""The task pages: a business ordered to rectify after a complaint reads the order, never the
complaint; officers read it all, with the stage due next; a bad evaluation's follow-up closes by
its revisit only."""

import pytest

from backend import clock, uploads
from backend.complaints import service as complaints
from backend.complaints.schemas import ComplaintCreate
from backend.tasks import service as tasks
from backend.tasks.schemas import TaskSource
from backend.users.schemas import Role
from tests import factories
from tests.factories import ADMIN, days_from_today
from tests.portal.conftest import ENGLISH, form_token, sign_in

TEXT = "我是住在隔壁302的张三，电话13900001111，后厨老鼠很多"
ORDER = "请于期限内完成灭鼠并上传照片"


@pytest.fixture(scope="module")
def scene(db):
    factories.unit(db, id="U-TH", districts=("天河区",))
    code = factories.business(db, district="天河区")
    officer = factories.user(db, role=Role.OFFICER, officer_id=factories.officer(db, unit_id="U-TH"))
    return {"code": code, "officer": officer,
            "shop": factories.user(db, role=Role.ENTERPRISE, business_code=code)}


def _complaint(db, code, client):
    created = complaints.submit(db, data=ComplaintCreate(
        business_code=code, category="hygiene", text=TEXT, phone="13900001111"),
        client=client, photos=[uploads.Upload("p.png", factories.photo("PNG"))])
    return db.complaints.find_one({"tracking_code": created.tracking_code})


def _post(site, path, **data):
    return site.post(path, data=data | {"csrf_token": form_token(site, path.rsplit("/", 1)[0])},
                     headers=ENGLISH)


def test_the_business_reads_the_order_not_the_complaint(site, db, scene):
    task_id = _complaint(db, scene["code"], "pp1")["task_id"]
    photo = next(event.files[0] for event in tasks.get(db, actor=ADMIN, task_id=task_id).history
                 if event.files)
    sign_in(site, scene["officer"])
    ordered = _post(site, f"/tasks/{task_id}/rectification", deadline=days_from_today(7).isoformat(),
                    note=ORDER)  # straight from "open": the order accepts the complaint too
    assert ordered.status_code == 200 and TEXT in ordered.text and "Accepted" in ordered.text
    assert f"Verify by {clock.day_of(tasks.load(db, task_id)['deadline']).isoformat()}" in ordered.text
    sign_in(site, scene["shop"])
    for path in (f"/tasks/{task_id}", "/tasks", "/me"):
        page = site.get(path, headers=ENGLISH).text
        assert "张三" not in page and "13900001111" not in page and "老鼠很多" not in page, path
        assert photo not in page and "Verify by" not in page, path
    page = site.get(f"/tasks/{task_id}", headers=ENGLISH).text
    assert ORDER in page and f"Rectify by {days_from_today(7).isoformat()}" in page
    assert site.get(f"/tasks/{task_id}/files/{photo}", headers=ENGLISH).status_code == 404


def test_the_inbox_says_which_stage_is_due(site, db, scene):
    complaint = _complaint(db, scene["code"], "pp2")
    sign_in(site, scene["officer"])
    page = site.get("/tasks?source=complaint", headers=ENGLISH).text
    assert f"Accept by {complaint['deadlines']['accept'].date().isoformat()}" in page


def test_a_follow_up_page_points_to_the_revisit_instead_of_closing(site, db, scene):
    task = tasks.create(db, source=TaskSource.EVALUATION_FOLLOW_UP, business_code=scene["code"],
                        title="跟进差评", deadline=clock.end_of_day(days_from_today(10)),
                        created_by="shop", ref="0123456789abcdef01234567")
    sign_in(site, scene["officer"])
    page = site.get(f"/tasks/{task.id}", headers=ENGLISH).text
    assert "Close this task" not in page and "Bad evaluations to revisit" in page
    refused = site.post(f"/tasks/{task.id}/close", data={
        "result": "直接关闭", "csrf_token": form_token(site, f"/tasks/{task.id}")}, headers=ENGLISH)
    assert refused.status_code == 403 and "records the revisit" in refused.text
