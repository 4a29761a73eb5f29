"""The reply, answer and escalate forms on /me/reviews carry a one-time token: a double tap or a
resend of the same form gets the first answer (303), not an error page about the first one."""

import re

import pytest

from backend.reviews import service
from backend.reviews.schemas import ReviewCreate
from backend.users.schemas import Role
from tests import factories
from tests.portal.conftest import ENGLISH, form_token, sign_in

_ONCE = re.compile(r'name="once"[^>]*value="([\w-]+)"|value="([\w-]+)"[^>]*name="once"')


@pytest.fixture(scope="module")
def shop(db):
    factories.unit(db, id="U-TH", districts=("天河区",))
    code = factories.business(db, name="双击小馆")
    reviews = [service.submit(db, actor=None, client=f"tap-{i}", code=code,
                              data=ReviewCreate(text=f"后厨不干净，第{i}次")).id for i in range(2)]
    return {"code": code, "reviews": reviews,
            "owner": factories.user(db, role=Role.ENTERPRISE, business_code=code),
            "officer": factories.user(db, role=Role.OFFICER, officer_id=factories.officer(db))}


def _twice(site, path, data, page):
    """The same form sent twice from `page`: its CSRF token and one one-time token."""
    html = site.get(page, headers=ENGLISH).text
    found = _ONCE.search(html)
    assert found, f"no one-time token on {page}"
    sent = {**data, "next": page, "csrf_token": form_token(site, page),
            "once": found.group(1) or found.group(2)}
    return [site.post(path, data=sent, headers=ENGLISH, follow_redirects=False) for _ in range(2)]


def _replies(db, code, review_id):
    return next(row for row in service.list_for_business(db, code=code).data if row.id == review_id).replies


def test_a_reply_sent_twice_is_published_once_and_answered_as_the_first(site, db, shop):
    sign_in(site, shop["owner"])
    review = shop["reviews"][0]
    first, again = _twice(site, f"/reviews/{review}/reply", {"text": "已整改，谢谢监督"}, "/me/reviews")
    assert (first.status_code, again.status_code) == (303, 303)
    assert again.headers["location"] == first.headers["location"] == "/me/reviews?done=reply"
    assert [reply.text for reply in _replies(db, shop["code"], review)] == ["已整改，谢谢监督"]


def test_an_officers_answer_and_escalation_sent_twice_are_recorded_once(site, db, shop):
    sign_in(site, shop["officer"])
    review, page = shop["reviews"][1], f"/me/reviews?code={shop['code']}"
    answered = _twice(site, f"/reviews/{review}/answer", {"text": "已派员核查"}, page)
    assert [response.status_code for response in answered] == [303, 303]
    escalated = _twice(site, f"/reviews/{review}/escalate", {"note": "涉嫌卫生问题"}, page)
    assert [response.status_code for response in escalated] == [303, 303]
    assert db.tasks.count_documents({"ref": review}) == 1
    assert [reply.text for reply in _replies(db, shop["code"], review)] == ["已派员核查"]
