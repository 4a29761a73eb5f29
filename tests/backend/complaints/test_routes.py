"""The complaints API contract: anonymous 201 with a tracking code, 429 with Retry-After, public status."""

import pytest

from backend.config import get_settings
from backend.tasks import service as tasks
from backend.tasks.schemas import TaskClose
from backend.users.schemas import Role
from tests import factories
from tests.factories import ADMIN

PNG = factories.photo("PNG")


@pytest.fixture(autouse=True)
def _fresh_limits(db):
    """Every test client call comes from one address; each test starts with its allowance."""
    db.rate_limits.delete_many({})


def test_complain_and_track_over_the_api(api, db):
    code = factories.business(db, district="天河区")
    body = {"business_code": code, "category": "expired_food", "text": "卖过期的牛奶", "phone": "13800001111"}
    created = api.post("/api/v1/complaints", json=body)
    assert created.status_code == 201, created.text
    answer = created.json()
    assert len(answer["tracking_code"]) >= 10 and answer["phone"] == "138****1111"
    tracked = api.get(f"/api/v1/complaints/{answer['tracking_code']}")
    assert tracked.status_code == 200
    shown = tracked.json()
    assert shown["status"] == "open" and shown["steps"][0]["step"] == "created"
    assert "13800001111" not in tracked.text and "牛奶" not in tracked.text
    assert api.get("/api/v1/complaints/23456789ABCD").status_code == 404


def test_bad_requests_are_explained(api, db):
    code = factories.business(db, district="天河区")
    for body in ({"business_code": code, "category": "aliens", "text": "什么东西都有"},
                 {"business_code": code, "category": "other", "text": "短"},
                 {"business_code": code, "category": "other", "text": "电话不对哦", "phone": "abc"}):
        response = api.post("/api/v1/complaints", json=body)
        assert response.status_code == 422 and response.json()["detail"]
    unknown = api.post("/api/v1/complaints", json={"business_code": "91440106MA59C8XK2A",
                                                   "category": "other", "text": "找不到这家店"})
    assert unknown.status_code in (404, 422)


def test_photos_over_multipart(api, db):
    code = factories.business(db, district="天河区")
    form = {"business_code": code, "category": "hygiene", "text": "地上全是油污"}
    sent = api.post("/api/v1/complaints/with-photos", data=form,
                    files=[("photos", ("a.png", PNG, "image/png"))])
    assert sent.status_code == 201 and sent.json()["photos"] == 1
    fake = api.post("/api/v1/complaints/with-photos", data=form,
                    files=[("photos", ("a.png", b"MZ\x90\x00", "image/png"))])
    assert fake.status_code == 422 and "JPEG" in fake.json()["detail"]


def test_multipart_text_is_held_to_the_rule_json_text_is(api, db):
    code = factories.business(db, district="天河区")
    form = {"business_code": code, "category": "hygiene", "text": "后厨很脏\x01控制字符", "phone": ""}
    refused = api.post("/api/v1/complaints/with-photos", data=form,
                       files=[("photos", ("a.png", PNG, "image/png"))])
    assert refused.status_code == 422 and "text: " in refused.json()["detail"]
    assert "U+0001" in refused.json()["detail"]
    composed = api.post("/api/v1/complaints/with-photos", files=[("photos", ("a.png", PNG, "image/png"))],
                        data=form | {"text": "cafe\u0301 的菜有问题"})  # e + combining acute: NFC is é
    assert composed.status_code == 201
    stored = db.complaints.find_one({"tracking_code": composed.json()["tracking_code"]})
    assert stored["text"].startswith("café")


def test_rate_limited_with_retry_after(api, db):
    code = factories.business(db, district="天河区")
    body = {"business_code": code, "category": "other", "text": "一次又一次地投诉"}
    statuses = [api.post("/api/v1/complaints", json=body).status_code for _ in range(8)]
    assert 429 in statuses
    limited = api.post("/api/v1/complaints", json=body)
    assert limited.status_code == 429 and int(limited.headers["Retry-After"]) > 0


def test_reopening_is_not_held_to_the_limit_on_new_complaints(api, db, monkeypatch):
    monkeypatch.setattr(get_settings(), "complaint_rate_limit", 2)
    code = factories.business(db, district="天河区")
    body = {"business_code": code, "category": "hygiene", "text": "后厨很脏，有苍蝇"}
    tracking = api.post("/api/v1/complaints", json=body).json()["tracking_code"]
    reopen = f"/api/v1/complaints/{tracking}/reopen"
    for _ in range(3):  # not closed yet: refused as such, and not counted
        early = api.post(reopen, json={"reason": "苍蝇还是很多"})
        assert early.status_code == 409 and "Only a closed complaint" in early.json()["detail"]
    assert api.post("/api/v1/complaints", json=body).status_code == 201  # a neighbour's complaint
    assert api.post("/api/v1/complaints", json=body).status_code == 429  # the address's hour is full
    task_id = db.complaints.find_one({"tracking_code": tracking})["task_id"]
    tasks.close(db, actor=ADMIN, task_id=task_id, data=TaskClose(result="已责令清洁"))
    reopened = api.post(reopen, json={"reason": "苍蝇还是很多"})
    assert reopened.status_code == 200 and reopened.json()["reopened"] is True
    tasks.close(db, actor=ADMIN, task_id=task_id, data=TaskClose(result="复查合格"))
    again = api.post(reopen, json={"reason": "我还想再开一次"})
    assert again.status_code == 409 and "already reopened once" in again.json()["detail"]


def test_officers_see_complaints_in_their_inbox(api, db):
    code = factories.business(db, district="天河区")
    officer = factories.officer(db, unit_id="U-TH")
    headers = factories.signed_in(api, db, role=Role.OFFICER, officer_id=officer)
    api.post("/api/v1/complaints", json={"business_code": code, "category": "hygiene",
                                         "text": "服务员不戴口罩"})
    inbox = api.get("/api/v1/tasks?source=complaint", headers=headers).json()
    assert any(row["business_code"] == code for row in inbox["data"])
