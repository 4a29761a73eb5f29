"""Accounts administered over the API, and accounts that stop working when they should: disabled,
or given a new password (by an administrator or by their user)."""

import pytest

from backend.errors import Conflict
from backend.users import accounts, service
from backend.users.schemas import Actor, Role, UserUpdate
from tests import factories

USERS = "/api/v1/users"
ME = "/api/v1/auth/me"
NEW = "a-long-new-password"


@pytest.mark.parametrize(("method", "path", "body"), [
    ("get", USERS, None),
    ("post", USERS, {"username": "newbie", "password": NEW, "role": "consumer"}),
    ("get", f"{USERS}/someone", None),
    ("patch", f"{USERS}/someone", {"disabled": True}),
    ("post", f"{USERS}/someone/password", {"password": NEW}),
])
def test_administrators_only(db, api, method, path, body):
    assert api.request(method, path, json=body).status_code == 401
    for role in (Role.CONSUMER, Role.OFFICER, Role.ENTERPRISE):
        bound = ({"officer_id": factories.officer(db)} if role == Role.OFFICER else
                 {"business_code": factories.business(db)} if role == Role.ENTERPRISE else {})
        response = api.request(method, path, json=body, headers=factories.signed_in(api, db, role=role,
                                                                                    **bound))
        assert response.status_code == 403, response.text
        assert response.json()["detail"] == "Only an administrator may do this."


def test_an_administrator_creates_and_lists_accounts_without_hashes(db, api, admin):
    _, headers = admin
    code = factories.business(db)
    response = api.post(USERS, headers=headers, json={
        "username": "owner.li", "password": NEW, "role": "enterprise", "display_name": "李老板",
        "business_code": code})
    assert response.status_code == 201, response.text
    assert response.json()["business_code"] == code and response.json()["disabled"] is False
    assert factories.login(api, "owner.li", NEW).status_code == 200
    page = api.get(USERS, headers=headers, params={"role": "enterprise", "pageSize": 1}).json()
    assert page["meta"]["pageSize"] == 1 and page["meta"]["totalCount"] >= 1
    listed = api.get(USERS, headers=headers, params={"pageSize": 100}).json()["data"]
    assert "owner.li" in [row["username"] for row in listed]
    assert "password_hash" not in str(listed) and "$argon2" not in str(listed)
    entry = db.audit.find_one({"target": "user:owner.li"})
    assert entry["action"] == "user.create" and "password" not in str(entry["data"])


@pytest.mark.parametrize(("body", "status", "said"), [
    ({"username": "owner.li", "password": NEW, "role": "consumer"}, 409, "The user name owner.li is taken."),
    ({"username": "sameasit", "password": "SAMEASIT", "role": "consumer"}, 422,
     "password: The password must not be the user name."),
    ({"username": "shorty", "password": "abc", "role": "consumer"}, 422, "password: Must be at least 8"),
    ({"username": "ghostshop", "password": NEW, "role": "enterprise",
      "business_code": factories.valid_code(9_999_998)}, 422, "No business is registered"),
    ({"username": "ghostofficer", "password": NEW, "role": "officer", "officer_id": "OF-NONE"}, 422,
     "There is no officer OF-NONE."),
    ({"username": "boundadmin", "password": NEW, "role": "admin", "officer_id": "OF-NONE"}, 422,
     "Only an officer account is bound to an officer record."),
    ({"username": "boundofficer", "password": NEW, "role": "officer", "officer_id": "OF-NONE",
      "business_code": factories.valid_code(9_999_998)}, 422, "Only an enterprise account is bound"),
])
def test_bad_accounts_are_refused_readably(db, api, admin, body, status, said):
    response = api.post(USERS, headers=admin[1], json=body)
    assert response.status_code == status and said in response.json()["detail"], response.text


def test_a_disabled_account_cannot_sign_in_and_its_tokens_and_sessions_end(db, api, admin):
    username = factories.user(db, role=Role.CONSUMER)
    headers = factories.token(api, username)
    session = service.open_session(db, username=username, max_age_s=600)
    response = api.patch(f"{USERS}/{username}", headers=admin[1], json={"disabled": True})
    assert response.status_code == 200 and response.json()["disabled"] is True
    assert api.get(ME, headers=headers).status_code == 401
    assert service.actor_for_session(db, session) is None
    refused = factories.login(api, username)
    # the same answer as a wrong password: nobody learns the account exists and is disabled
    assert refused.status_code == 401 and refused.json()["detail"] == "Wrong user name or password."
    api.patch(f"{USERS}/{username}", headers=admin[1], json={"disabled": False})
    assert api.get(ME, headers=headers).status_code == 401  # enabling again revives nothing
    assert api.get(ME, headers=factories.token(api, username)).status_code == 200


def test_display_name_changes_and_unknown_fields_are_refused(db, api, admin):
    username = factories.user(db, role=Role.CONSUMER)
    response = api.patch(f"{USERS}/{username}", headers=admin[1], json={"display_name": " 王五 "})
    assert response.json()["display_name"] == "王五"
    assert api.patch(f"{USERS}/{username}", headers=admin[1], json={"role": "admin"}).status_code == 422
    assert api.patch(f"{USERS}/nobody-here", headers=admin[1], json={"disabled": True}).status_code == 404


def test_an_administrator_cannot_disable_their_own_account(db, api, admin):
    username, headers = admin
    response = api.patch(f"{USERS}/{username}", headers=headers, json={"disabled": True})
    assert response.status_code == 409 and "your own account" in response.json()["detail"]
    assert api.get(ME, headers=headers).status_code == 200


def test_the_last_enabled_administrator_stays(db, api, admin):
    username, headers = admin
    other = factories.user(db, role=Role.ADMIN)
    others = [row["username"] for row in db.users.find({"role": "admin", "disabled": False})
              if row["username"] not in (username, other)]
    db.users.update_many({"username": {"$in": others}}, {"$set": {"disabled": True}})
    try:
        assert api.patch(f"{USERS}/{other}", headers=headers, json={"disabled": True}).status_code == 200
        # now `username` is the last one: nobody may disable it, not even from the command line
        with pytest.raises(Conflict, match="last enabled administrator"):
            accounts.update(db, actor=Actor(username="command-line", role=Role.ADMIN), username=username,
                            data=UserUpdate(disabled=True))
        assert api.patch(f"{USERS}/{other}", headers=headers, json={"disabled": False}).status_code == 200
    finally:
        db.users.update_many({"username": {"$in": others}}, {"$set": {"disabled": False}})


def test_a_reset_password_ends_every_session_and_token(db, api, admin):
    username = factories.user(db, role=Role.CONSUMER)
    headers = factories.token(api, username)
    session = service.open_session(db, username=username, max_age_s=600)
    response = api.post(f"{USERS}/{username}/password", headers=admin[1], json={"password": NEW})
    assert response.status_code == 200 and response.json()["password_changed_at"]
    assert api.get(ME, headers=headers).status_code == 401
    assert service.actor_for_session(db, session) is None
    assert factories.login(api, username).status_code == 401
    assert factories.login(api, username, NEW).status_code == 200
    same = api.post(f"{USERS}/{username}/password", headers=admin[1], json={"password": username.upper()})
    assert same.status_code == 422 and "must not be the user name" in same.json()["detail"]


def test_self_service_change_gives_a_new_token_and_ends_the_others(db, api):
    username = factories.user(db, role=Role.OFFICER, officer_id=factories.officer(db))
    first, second = factories.token(api, username), factories.token(api, username)
    session = service.open_session(db, username=username, max_age_s=600)
    assert api.post("/api/v1/auth/password", json={"current_password": "x", "new_password": NEW}
                    ).status_code == 401
    wrong = api.post("/api/v1/auth/password", headers=first,
                     json={"current_password": "not-it", "new_password": NEW})
    assert wrong.status_code == 422 and wrong.json()["detail"] == "Your current password is not right."
    assert api.get(ME, headers=first).status_code == 200  # a refusal changes nothing
    response = api.post("/api/v1/auth/password", headers=first,
                        json={"current_password": factories.PASSWORD, "new_password": NEW})
    assert response.status_code == 200, response.text
    fresh = {"Authorization": f"Bearer {response.json()['access_token']}"}
    assert api.get(ME, headers=fresh).json()["username"] == username
    assert api.get(ME, headers=first).status_code == 401 and api.get(ME, headers=second).status_code == 401
    assert service.actor_for_session(db, session) is None
    assert db.audit.find_one({"target": f"user:{username}", "action": "user.password_change"})


def test_a_token_from_before_versions_still_works_until_a_change(db, api):
    from backend.users import security

    username = factories.user(db, role=Role.CONSUMER)
    db.users.update_one({"username": username}, {"$unset": {"credentials": ""}})
    old = security._serializer().dumps({"sub": username})  # as tokens were issued before
    assert api.get(ME, headers={"Authorization": f"Bearer {old}"}).status_code == 200
