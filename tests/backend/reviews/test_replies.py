"""Right to reply: only the business's own account replies (once); only officers answer and escalate."""

import pytest

from backend.reviews import service
from backend.reviews.schemas import ReviewCreate
from backend.users.schemas import Role
from tests import factories


@pytest.fixture(scope="module")
def shop(db, api):
    code = factories.business(db, district="天河区")
    other = factories.business(db, district="天河区")
    factories.unit(db, id="U-YX", districts=("越秀区",))
    review = service.submit(db, actor=None, client="r1", code=code,
                            data=ReviewCreate(text="后厨有老鼠，吃完拉肚子"))
    return {"code": code, "review": review.id, "headers": {
        "owner": factories.signed_in(api, db, role=Role.ENTERPRISE, business_code=code),
        "other business": factories.signed_in(api, db, role=Role.ENTERPRISE, business_code=other),
        "officer": factories.signed_in(api, db, role=Role.OFFICER,
                                       officer_id=factories.officer(db, unit_id="U-TH"),
                                       unit_id="U-TH"),
        "officer elsewhere": factories.signed_in(api, db, role=Role.OFFICER,
                                                 officer_id=factories.officer(db, unit_id="U-YX"),
                                                 unit_id="U-YX"),
        "anonymous": {}}}


REPLY_CASES = [("owner", 201), ("other business", 403), ("officer", 403), ("anonymous", 401)]
ANSWER_CASES = [("officer", 201), ("officer elsewhere", 403), ("owner", 403), ("anonymous", 401)]


@pytest.mark.parametrize("who, status", REPLY_CASES)
def test_who_may_reply_as_the_business(db, api, shop, who, status):
    response = api.post(f"/api/v1/reviews/{shop['review']}/reply", json={"text": "已整改，欢迎再来"},
                        headers=shop["headers"][who])
    assert response.status_code in (status, 409 if status == 201 else status), response.text


def test_the_business_replies_once_and_it_is_public(db, api, shop):
    url = f"/api/v1/reviews/{shop['review']}/reply"
    api.post(url, json={"text": "已整改，欢迎再来"}, headers=shop["headers"]["owner"])
    again = api.post(url, json={"text": "再说一次"}, headers=shop["headers"]["owner"])
    assert again.status_code == 409
    replies = api.get(f"/api/v1/businesses/{shop['code']}/reviews").json()["data"][0]["replies"]
    assert [(r["role"], r["text"]) for r in replies][:1] == [("business", "已整改，欢迎再来")]


@pytest.mark.parametrize("who, status", ANSWER_CASES)
def test_who_may_answer_as_an_officer(db, api, shop, who, status):
    response = api.post(f"/api/v1/reviews/{shop['review']}/answer", json={"text": "已安排核查"},
                        headers=shop["headers"][who])
    assert response.status_code == status, response.text
    if status == 201:
        officer_reply = response.json()["replies"][-1]
        assert officer_reply["role"] == "officer" and officer_reply["author"] == "U-TH 市场监督管理所"


def test_an_answer_sent_twice_is_published_once(db, api, shop):
    url, officer = f"/api/v1/reviews/{shop['review']}/answer", shop["headers"]["officer"]
    assert api.post(url, json={"text": "已派员核查，请放心"}, headers=officer).status_code == 201
    again = api.post(url, json={"text": " 已派员核查，请放心 "}, headers=officer)
    assert again.status_code == 409 and "already published" in again.json()["detail"]
    assert api.post(url, json={"text": "核查结果：已整改"}, headers=officer).status_code == 201
    replies = api.get(f"/api/v1/businesses/{shop['code']}/reviews").json()["data"][0]["replies"]
    assert [r["text"] for r in replies].count("已派员核查，请放心") == 1


@pytest.mark.parametrize("who, status", [("owner", 403), ("officer elsewhere", 403),
                                         ("anonymous", 401), ("officer", 201)])
def test_escalating_makes_a_complaint_task(db, api, shop, who, status):
    response = api.post(f"/api/v1/reviews/{shop['review']}/escalate", json={"note": "涉及卫生"},
                        headers=shop["headers"][who])
    assert response.status_code == status, response.text
    if status != 201:
        return
    assert response.json()["escalated"] is True
    tasks = api.get("/api/v1/tasks", params={"source": "review_escalation"},
                    headers=shop["headers"]["officer"]).json()["data"]
    assert [(t["business_code"], t["title"]) for t in tasks] == [(shop["code"], "后厨有老鼠，吃完拉肚子")]
    again = api.post(f"/api/v1/reviews/{shop['review']}/escalate", json={},
                     headers=shop["headers"]["officer"])
    assert again.status_code == 409
