"""Changing one's own password on the portal (/me/password), without scripts: this browser stays
signed in, every other session and token of the account ends."""

import re

import pytest

from backend.users import service
from backend.users.schemas import Role
from tests import factories
from tests.portal.conftest import ENGLISH, post_form, sign_in

NEW = "a-brand-new-secret"


@pytest.fixture()
def user(db):
    return factories.user(db, role=Role.ENTERPRISE, business_code=factories.business(db))


def _change(site, **fields):
    return post_form(site, "/me/password", {"current_password": factories.PASSWORD, "new_password": NEW,
                                            "new_password_again": NEW} | fields)


def test_the_workspace_links_to_it(site, user):
    sign_in(site, user)
    assert 'href="/me/password"' in site.get("/me", headers=ENGLISH).text


def test_signed_out_visitors_are_sent_to_sign_in(site):
    site.cookies.clear()
    response = site.get("/me/password", follow_redirects=False)
    assert response.status_code == 303 and "/login" in response.headers["location"]


def test_a_change_keeps_this_browser_and_ends_the_others(db, site, api, user):
    other = service.open_session(db, username=user, max_age_s=600)
    token = factories.token(api, user)
    sign_in(site, user)
    page = site.get("/me/password", headers=ENGLISH).text
    assert 'type="password"' in page and 'id="password-form"' in page
    done = _change(site)
    assert done.status_code == 303 and done.headers["location"] == "/me/password?done=1"
    said = site.get(done.headers["location"], headers=ENGLISH)
    assert said.status_code == 200 and "Your password is changed." in said.text  # still signed in
    assert service.actor_for_session(db, other) is None
    assert api.get("/api/v1/auth/me", headers=token).status_code == 401
    assert api.post("/api/v1/auth/login", json={"username": user, "password": NEW}).status_code == 200


@pytest.mark.parametrize(("fields", "field", "said"), [
    ({"current_password": "not-the-one"}, "current_password", "Your current password is not right."),
    ({"new_password_again": NEW + "x"}, "new_password_again", "The two new passwords differ."),
    ({"new_password": "short", "new_password_again": "short"}, "new_password", "at least 8 characters"),
    ({"new_password": factories.PASSWORD, "new_password_again": factories.PASSWORD}, "new_password",
     "must differ from the current one"),
])
def test_a_refusal_marks_its_field_and_never_shows_a_password(db, site, user, fields, field, said):
    sign_in(site, user)
    refused = _change(site, **fields)
    assert refused.status_code == 422 and said in refused.text
    assert re.search(rf'<input[^>]*name="{field}"[^>]*aria-invalid="true"', refused.text) or \
        re.search(rf'<input[^>]*aria-invalid="true"[^>]*name="{field}"', refused.text), refused.text
    for typed in {*fields.values(), NEW, factories.PASSWORD}:
        assert f'value="{typed}"' not in refused.text
    assert api_login_ok(db, user, factories.PASSWORD)


def test_the_user_name_is_no_password(db, site):
    username = factories.user(db, role=Role.CONSUMER)
    sign_in(site, username)
    refused = _change(site, new_password=username.upper(), new_password_again=username.upper())
    assert refused.status_code == 422 and "must not be the user name" in refused.text


def test_a_forged_post_is_refused(db, site, user):
    sign_in(site, user)
    response = site.post("/me/password", data={"current_password": factories.PASSWORD, "new_password": NEW,
                                               "new_password_again": NEW, "csrf_token": "0" * 64},
                         headers=ENGLISH, follow_redirects=False)
    assert response.status_code == 403 and api_login_ok(db, user, factories.PASSWORD)


def api_login_ok(db, username, password):
    try:
        service.authenticate(db, username=username, password=password)
    except Exception:  # noqa: BLE001 - refused, whichever way
        return False
    return True
