"""Signing in and out on the portal with flask-login: plain form posts, safe session cookies."""

from datetime import datetime

import pytest

from backend.users.schemas import Role
from tests import factories
from tests.portal.conftest import ENGLISH, form_token


@pytest.fixture(scope="module")
def officer_account(db, seeded):
    return factories.user(db, role=Role.OFFICER, officer_id=seeded.officer_id,
                          display_name="赵执法")


def _sign_in(site, username, password=factories.PASSWORD, next_path="/me"):
    return site.post("/login", data={"username": username, "password": password,
                                     "next": next_path, "csrf_token": form_token(site, "/login")},
                     headers=ENGLISH, follow_redirects=False)


def test_a_sign_in_without_the_form_token_is_refused(site, officer_account):
    site.cookies.clear()
    response = site.post("/login", data={"username": officer_account, "password": factories.PASSWORD},
                         headers=ENGLISH, follow_redirects=False)
    assert response.status_code == 200 and "did not come from this site" in response.text
    assert "session" not in response.headers.get("set-cookie", "")


def test_a_token_from_another_browser_is_refused(site, officer_account):
    site.cookies.clear()
    stolen = form_token(site, "/login")
    site.cookies.clear()
    form_token(site, "/login")  # this browser's own cookie, different from the stolen token's
    response = site.post("/login", data={"username": officer_account, "password": factories.PASSWORD,
                                         "csrf_token": stolen}, headers=ENGLISH,
                         follow_redirects=False)
    assert "did not come from this site" in response.text


def test_login_page_is_a_plain_form(site, db):
    html = site.get("/login", headers=ENGLISH).text
    assert 'action="/login"' in html and 'method="post"' in html
    assert 'name="username"' in html and 'type="password"' in html


def test_wrong_password_shows_the_same_page_with_a_reason(site, officer_account):
    site.cookies.clear()
    response = _sign_in(site, officer_account, password="wrong-password")
    assert response.status_code == 200
    assert "Wrong user name or password." in response.text
    assert 'action="/login"' in response.text and f'value="{officer_account}"' in response.text
    assert "session" not in response.headers.get("set-cookie", "")
    assert "Sign in" in site.get("/", headers=ENGLISH).text


def test_unknown_user_gets_the_same_message(site, db):
    response = _sign_in(site, "nobody-here")
    assert "Wrong user name or password." in response.text


def test_sign_in_then_out(site, officer_account, seeded):
    site.cookies.clear()
    response = _sign_in(site, officer_account)
    assert response.status_code == 303 and response.headers["location"] == "/me"
    cookie = response.headers["set-cookie"]
    assert cookie.startswith("session=") and "HttpOnly" in cookie and "SameSite=Lax" in cookie

    me = site.get("/me", headers=ENGLISH).text
    assert "<h1>赵执法</h1>" in me and "Enforcement officer" in me
    assert f'href="/officers/{seeded.officer_id}"' in me and "U-TH" in me
    header = me[me.index("<header"):me.index("</header>")]
    assert "赵执法 (Enforcement officer)" in header and 'href="/logout"' in header

    response = site.get("/logout", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/"
    assert "Please sign in first." in site.get("/me", headers=ENGLISH).text


def test_signing_out_ends_the_session_for_a_copy_of_the_cookie_too(site, officer_account):
    site.cookies.clear()
    _sign_in(site, officer_account)
    copied = site.cookies.get("session")
    site.get("/logout")
    site.cookies.clear()
    site.cookies.set("session", copied)
    assert "Please sign in first." in site.get("/me", headers=ENGLISH).text


def test_a_session_ends_when_its_time_is_up(site, db, officer_account):
    site.cookies.clear()
    _sign_in(site, officer_account)
    assert "<h1>赵执法</h1>" in site.get("/me", headers=ENGLISH).text
    db.sessions.update_many({"username": officer_account},
                            {"$set": {"expires_at": datetime(2000, 1, 1)}})
    assert "Please sign in first." in site.get("/me", headers=ENGLISH).text


def test_sign_in_returns_to_a_local_next_page_only(site, officer_account, seeded):
    site.cookies.clear()
    response = _sign_in(site, officer_account, next_path=f"/b/{seeded.code}")
    assert response.headers["location"] == f"/b/{seeded.code}"
    site.cookies.clear()
    response = _sign_in(site, officer_account, next_path="https://evil.example/")
    assert response.headers["location"] == "/me"


def test_enterprise_account_shows_its_business(site, db, seeded):
    site.cookies.clear()
    owner = factories.user(db, role=Role.ENTERPRISE, business_code=seeded.code)
    _sign_in(site, owner)
    me = site.get("/me", headers=ENGLISH).text
    assert "Enterprise" in me and f'href="/b/{seeded.code}"' in me
    site.get("/logout")




def test_the_sign_in_form_is_throttled_with_a_readable_page(site, db):
    from backend.config import get_settings

    username = factories.user(db, role=Role.CONSUMER)
    site.cookies.clear()
    for _ in range(get_settings().login_failures_per_account):
        assert "Wrong user name or password." in _sign_in(site, username, password="bad-password").text
    response = _sign_in(site, username)
    assert response.status_code == 429 and int(response.headers["Retry-After"]) > 0
    assert "Too many failed sign-ins" in response.text and 'action="/login"' in response.text


def test_sessions_past_their_time_are_purged(db):
    from backend.users import service as users

    db.sessions.insert_many([{"_id": "old-one", "username": "x", "expires_at": datetime(2000, 1, 1)},
                             {"_id": "live-one", "username": "x", "expires_at": datetime(2999, 1, 1)}])
    assert users.purge_sessions(db) >= 1
    assert db.sessions.find_one({"_id": "old-one"}) is None and db.sessions.find_one({"_id": "live-one"})
    db.sessions.delete_one({"_id": "live-one"})
