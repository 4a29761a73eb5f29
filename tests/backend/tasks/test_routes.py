"""The task inbox over the API: signed-in only, scoped, closable by officers of the district."""

from datetime import timedelta

from backend import clock
from backend.tasks import service
from backend.tasks.schemas import TaskSource
from backend.users.schemas import Role
from tests import factories


def test_inbox_over_the_api(api, db):
    code = factories.business(db, district="天河区")
    officer_id = factories.officer(db, unit_id="U-TH")
    headers = factories.token(api, factories.user(db, role=Role.OFFICER, officer_id=officer_id))
    task = service.create(db, source=TaskSource.COMPLAINT, business_code=code, title="卫生差",
                          deadline=clock.now() + timedelta(days=7), created_by="system")
    assert api.get("/api/v1/tasks").status_code == 401
    listed = api.get("/api/v1/tasks", headers=headers).json()
    assert task.id in [row["id"] for row in listed["data"]] and listed["meta"]["totalCount"] >= 1
    closed = api.post(f"/api/v1/tasks/{task.id}/close", json={"result": "已整改"}, headers=headers)
    assert closed.status_code == 200 and closed.json()["status"] == "closed"
    assert api.post(f"/api/v1/tasks/{task.id}/close", json={"result": "x"},
                    headers=headers).status_code == 409
    assert api.post(f"/api/v1/tasks/{task.id}/close", json={"result": ""},
                    headers=headers).status_code == 422


def test_the_close_route_refuses_a_bad_evaluations_follow_up(api, db):
    code = factories.business(db, district="天河区")
    headers = factories.token(api, factories.user(db, role=Role.ADMIN))
    task = service.create(db, source=TaskSource.EVALUATION_FOLLOW_UP, business_code=code,
                          title="跟进差评", deadline=clock.now() + timedelta(days=7),
                          created_by="shop", ref="0123456789abcdef01234567")
    refused = api.post(f"/api/v1/tasks/{task.id}/close", json={"result": "直接关闭"}, headers=headers)
    assert refused.status_code == 403 and "0123456789abcdef01234567" in refused.json()["detail"]
