"""A form sent after the session ended: nothing is done, and signing in leads back to the page the
form was on (its address has no page of its own), saying the form must be sent again."""

from urllib.parse import quote

import pytest

from backend.reviews import service as reviews
from backend.reviews.schemas import ReviewCreate
from tests import factories
from tests.portal.conftest import ENGLISH, form_token

SITE = "http://testserver"


@pytest.fixture(scope="module")
def scene(db):
    found = factories.rectification_scene(db)
    review = reviews.submit(db, actor=None, client="diner", code=found["code"],
                            data=ReviewCreate(text="味道不错，服务很好"))
    return found | {"review_id": review.id}


def _sent_signed_out(site, address: str, referer: str | None):
    site.cookies.clear()
    headers = ENGLISH | ({"Referer": referer} if referer else {})
    return site.post(address, data={"csrf_token": form_token(site, "/login"), "reason": "x", "text": "谢谢"},
                     headers=headers, follow_redirects=False)


FORMS = [("/me/objection", "/me"), ("/me/repair", "/me"), ("/me/evaluate", "/me"),
         ("/me/papers/staff", "/me/papers"), ("/me/papers/licences", "/me/papers"),
         ("/tasks/{task_id}/evidence", "/tasks/{task_id}"),
         ("/reviews/{review_id}/reply", "/me/reviews?code={code}")]


@pytest.mark.parametrize("address, page", FORMS)
def test_signing_in_leads_back_to_the_page_the_form_was_on(site, scene, address, page):
    address, page = address.format(**scene), page.format(**scene)
    sent = _sent_signed_out(site, address, SITE + page)
    assert sent.status_code == 303
    assert sent.headers["location"] == f"/login?next={quote(page, safe='/')}&unsent=1"
    login = site.get(sent.headers["location"], headers=ENGLISH).text
    assert "Your form was not sent: you were signed out. Sign in, then send it again." in login
    signed_in = site.post("/login", headers=ENGLISH, follow_redirects=False, data={
        "username": scene["shop"], "password": factories.PASSWORD, "next": page,
        "csrf_token": form_token(site, "/login")})
    assert signed_in.headers["location"] == page
    assert site.get(page, headers=ENGLISH).status_code == 200


@pytest.mark.parametrize("referer", [None, "http://elsewhere.example/me/papers",
                                     SITE + "//elsewhere.example/x"])
def test_without_a_page_of_this_site_to_go_back_to_it_is_the_workspace(site, scene, referer):
    sent = _sent_signed_out(site, "/me/papers/staff", referer)
    assert sent.headers["location"] == "/login?next=/me&unsent=1"


def test_a_wrong_password_still_says_the_form_was_not_sent(site, scene):
    sent = _sent_signed_out(site, "/me/objection", SITE + "/me")
    site.get(sent.headers["location"])
    again = site.post("/login", headers=ENGLISH, data={
        "username": scene["shop"], "password": "wrong-password", "next": "/me", "unsent": "1",
        "csrf_token": form_token(site, "/login")})
    assert "Wrong user name or password." in again.text and "send it again" in again.text


def test_a_page_asked_for_signed_out_comes_back_to_itself(site, scene):
    site.cookies.clear()
    asked = site.get("/me/papers?x=1", follow_redirects=False)
    assert asked.headers["location"] == "/login?next=/me/papers%3Fx%3D1"
    assert "send it again" not in site.get(asked.headers["location"], headers=ENGLISH).text
