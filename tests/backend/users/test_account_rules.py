"""Rules an account keeps whatever the way in: one account per name whatever its case, names the
audit trail uses for non-users kept for it, no enabling an officer who left the service, and
always one enabled administrator, even when two disable each other at once."""

import pytest

from backend import migrations
from backend.errors import Conflict
from backend.users import accounts, repository, service
from backend.users.schemas import Actor, Role, UserUpdate
from tests import factories

USERS = "/api/v1/users"
NEW = "a-long-new-password"


def test_a_name_differing_only_in_case_is_taken_and_signs_in_to_the_same_account(db, api, admin):
    assert api.post(USERS, headers=admin[1], json={"username": "chief.wu", "password": NEW,
                                                   "role": "consumer"}).status_code == 201
    again = api.post(USERS, headers=admin[1], json={"username": "Chief.Wu", "password": NEW, "role": "admin"})
    assert again.status_code == 409 and again.json()["detail"] == "The user name Chief.Wu is taken."
    assert db.users.count_documents({"username_key": "chief.wu"}) == 1
    signed_in = factories.login(api, "CHIEF.WU", NEW)
    assert signed_in.status_code == 200
    me = api.get("/api/v1/auth/me", headers={"Authorization": f"Bearer {signed_in.json()['access_token']}"})
    assert me.json()["username"] == "chief.wu"
    changed = api.patch(f"{USERS}/CHIEF.wu", headers=admin[1], json={"display_name": "吴"})
    assert changed.status_code == 200 and changed.json()["username"] == "chief.wu"
    assert "username_key" not in str(api.get(USERS, headers=admin[1]).json())


@pytest.mark.parametrize(("username", "said"), [
    ("command-line", "The user name command-line is reserved."),
    ("Anonymous", "The user name Anonymous is reserved."),
    ("张三", "letters (a-z, A-Z), digits and . _ -"),
    ("ab", "letters (a-z, A-Z), digits and . _ -"),
])
def test_reserved_and_malformed_names_are_refused(db, api, admin, username, said):
    response = api.post(USERS, headers=admin[1], json={"username": username, "password": NEW,
                                                       "role": "admin"})
    assert response.status_code == 422 and said in response.json()["detail"], response.text


def test_an_officer_who_left_is_not_enabled_again_and_has_no_districts(db, api, admin):
    officer_id = factories.officer(db, unit_id="U-TH")
    username = factories.user(db, role=Role.OFFICER, officer_id=officer_id)
    assert service.actor_for(db, username=username).unit_districts == ["天河区"]
    assert api.patch(f"/api/v1/officers/{officer_id}", headers=admin[1],
                     json={"in_service": False}).status_code == 200
    refused = api.patch(f"{USERS}/{username}", headers=admin[1], json={"disabled": False})
    assert refused.status_code == 409
    assert refused.json()["detail"] == (f"Officer {officer_id} has left the service: record that they are "
                                        f"back in service before enabling {username}.")
    assert db.users.find_one({"username": username})["disabled"] is True
    # even an account enabled behind the service's back answers for no unit
    db.users.update_one({"username": username}, {"$set": {"disabled": False}})
    actor = service.actor_for(db, username=username)
    assert (actor.unit_id, actor.unit_districts) == (None, [])
    db.users.update_one({"username": username}, {"$set": {"disabled": True}})
    api.patch(f"/api/v1/officers/{officer_id}", headers=admin[1], json={"in_service": True})
    assert api.patch(f"{USERS}/{username}", headers=admin[1], json={"disabled": False}).status_code == 200


def test_two_administrators_disabling_each_other_at_once_leave_one(db, monkeypatch):
    first, second = factories.user(db, role=Role.ADMIN), factories.user(db, role=Role.ADMIN)
    others = [name for name in repository.enabled_admins(db) if name not in (first, second)]
    db.users.update_many({"username": {"$in": others}}, {"$set": {"disabled": True}})
    # both checked "another administrator remains" before either change landed
    monkeypatch.setattr(accounts, "_refuse_locking_out", lambda *args: None)
    try:
        accounts.update(db, actor=Actor(username=first, role=Role.ADMIN), username=second,
                        data=UserUpdate(disabled=True))
        with pytest.raises(Conflict, match="last enabled administrator"):
            accounts.update(db, actor=Actor(username=second, role=Role.ADMIN), username=first,
                            data=UserUpdate(disabled=True))
        assert repository.enabled_admins(db) == [first]
        assert service.authenticate(db, username=first, password=factories.PASSWORD).username == first
    finally:
        db.users.update_many({"username": {"$in": [*others, second]}}, {"$set": {"disabled": False}})


def test_accounts_stored_before_the_key_get_it_and_case_twins_are_reported(db, caplog):
    hashed = db.users.find_one({"username": factories.user(db, role=Role.CONSUMER)})["password_hash"]
    old = [{"username": name, "role": "consumer", "password_hash": hashed, "disabled": False}
           for name in ("old.timer", "Twin.Shop", "twin.shop")]
    db.users.insert_many(old)
    migrations.user_names_are_one_whatever_their_case(db)
    migrations.user_names_are_one_whatever_their_case(db)  # a second start-up changes nothing
    assert db.users.find_one({"username": "old.timer"})["username_key"] == "old.timer"
    assert db.users.find_one({"username": "Twin.Shop"})["username_key"] == "twin.shop"
    assert "username_key" not in db.users.find_one({"username": "twin.shop"})
    assert "twin.shop" in caplog.text
    for name in ("Twin.Shop", "twin.shop", "OLD.TIMER"):  # each still signs in by its exact name
        assert service.authenticate(db, username=name, password=factories.PASSWORD).username == \
            {"OLD.TIMER": "old.timer"}.get(name, name)
