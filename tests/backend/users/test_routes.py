"""Signing in to the API and asking who one is."""

import pytest

from backend.users import security
from backend.users.schemas import Role
from tests import factories

LOGIN = "/api/v1/auth/login"
ME = "/api/v1/auth/me"


@pytest.fixture(scope="module")
def enterprise(db):
    code = factories.business(db)
    return factories.user(db, role=Role.ENTERPRISE, business_code=code), code


def test_the_database_keeps_only_an_argon2_hash(db, enterprise):
    username, _ = enterprise
    stored = db.users.find_one({"username": username})
    assert stored["password_hash"].startswith("$argon2")
    assert factories.PASSWORD not in str(stored)
    assert "password" not in stored


def test_login_returns_a_bearer_token(api, enterprise):
    username, _ = enterprise
    response = api.post(LOGIN, json={"username": username, "password": factories.PASSWORD})
    assert response.status_code == 200
    body = response.json()
    assert body["token_type"] == "bearer" and body["access_token"]
    assert body["expires_in"] > 0


def test_me_tells_who_is_signed_in_and_for_which_business(api, enterprise):
    username, code = enterprise
    response = api.get(ME, headers=factories.token(api, username))
    assert response.status_code == 200
    me = response.json()
    assert (me["username"], me["role"], me["business_code"]) == (username, "enterprise", code)
    assert "password_hash" not in me


def test_me_of_an_officer_carries_their_unit_districts(db, api):
    factories.unit(db, id="U-HZ", districts=("海珠区", "番禺区"))
    officer_id = factories.officer(db, unit_id="U-HZ")
    headers = factories.signed_in(api, db, role=Role.OFFICER, officer_id=officer_id)
    me = api.get(ME, headers=headers).json()
    assert (me["officer_id"], me["unit_id"], me["unit_districts"]) == (officer_id, "U-HZ",
                                                                       ["海珠区", "番禺区"])


@pytest.mark.parametrize("who, password", [
    ("enterprise", "wrong-password"),
    ("enterprise", factories.PASSWORD.upper()),
    ("nobody-here", factories.PASSWORD),  # unknown users get the same answer
])
def test_wrong_credentials_are_refused_readably(api, enterprise, who, password):
    username = enterprise[0] if who == "enterprise" else who
    response = api.post(LOGIN, json={"username": username, "password": password})
    assert response.status_code == 401
    assert response.json()["detail"] == "Wrong user name or password."
    assert response.headers["www-authenticate"] == "Bearer"


@pytest.mark.parametrize("body", [{}, {"username": "", "password": "x"}, {"username": "a"}])
def test_incomplete_login_is_invalid(api, body):
    response = api.post(LOGIN, json=body)
    assert response.status_code == 422
    assert response.json()["detail"]


@pytest.mark.parametrize("authorization", [
    "Bearer garbage",
    "Bearer eyJzdWIiOiJhZG1pbiJ9.aGVsbG8.c2lnbmF0dXJl",
    f"Bearer {security.issue_token('ghost')}",  # well signed, but no such user
])
def test_a_forged_or_stale_token_is_refused(api, enterprise, authorization):
    response = api.get(ME, headers={"Authorization": authorization})
    assert response.status_code == 401
    assert "sign in again" in response.json()["detail"]


def test_me_without_a_token_asks_to_sign_in(api):
    response = api.get(ME)
    assert response.status_code == 401
    assert response.json()["detail"] == "Please sign in first."


def test_a_token_from_a_tampered_payload_is_refused(api, enterprise):
    username, _ = enterprise
    token = factories.token(api, username)["Authorization"].removeprefix("Bearer ")
    _, rest = token.split(".", 1)
    forged = security.issue_token("admin").split(".", 1)[0] + "." + rest
    response = api.get(ME, headers={"Authorization": f"Bearer {forged}"})
    assert response.status_code == 401
