"""Administrators read the audit trail (GET /api/v1/audit): newest first, filtered by action, target,
actor and the municipality's days, paged; secrets withheld; each entry's link of the chain checked."""

from datetime import datetime

import pytest

from backend import clock
from backend.audit import service as audit
from backend.audit.schemas import WITHHELD, is_secret, shown
from backend.errors import Forbidden, Invalid
from backend.users import accounts
from backend.users.schemas import Actor, Role, UserCreate
from tests import factories

OFFICER = Actor(username="officer.audit", role=Role.OFFICER)
ADMIN = Actor(username="admin.audit", role=Role.ADMIN)
URL = "/api/v1/audit"
# Asia/Shanghai (UTC+8): 16:00 UTC is the next day's midnight there.
WRITTEN = [
    (datetime(2026, 3, 1, 1, 0), OFFICER, "task.accepted", "65f000000000000000000001", {"note": "去现场"}),
    (datetime(2026, 3, 1, 15, 59, 59, 999000), OFFICER, "task.result", "65f000000000000000000001",
     {"result": "整改完成"}),
    (datetime(2026, 3, 1, 16, 0), None, "task.create", "65f000000000000000000002", {"title": "投诉"}),
    (datetime(2026, 3, 2, 3, 0), ADMIN, "officer.update", "officer:OF-AU-1", {"unit_id": "U-YX"}),
    (datetime(2026, 3, 2, 4, 0), OFFICER, "random_draw.conflict", "OF-AU-1", {"plan": "P1"}),
    (datetime(2026, 3, 2, 5, 0), ADMIN, "taskforce.create", "TF-1", {}),
    (datetime(2026, 3, 3, 6, 0), ADMIN, "settings.rules", "v2", {
        "password_hash": "$argon2id$v=19$abc", "token": "eyJ.secret", "content_type": "image/png",
        "password_changed_at": datetime(2026, 3, 3, 6, 0), "file": {"content": b"\x89PNG", "size": 4},
        "photos": [b"\xff\xd8\xff"], "session_token": "s3cr3t"}),
]


@pytest.fixture(scope="module")
def trail(db):
    with pytest.MonkeyPatch.context() as patch:
        for at, actor, action, target, data in WRITTEN:
            patch.setattr(clock, "now", lambda at=at: at)
            before = {"unit_id": "U-TH", "secret": "old"} if action == "officer.update" else None
            audit.record(db, actor=actor, action=action, target=target, data=data, before=before)
    return db


@pytest.fixture(scope="module")
def admin(api, db):
    return factories.signed_in(api, db, role=Role.ADMIN)


def _listed(api, admin, **params):
    response = api.get(URL, params=params, headers=admin)
    assert response.status_code == 200, response.text
    return response.json()


def _actions(api, admin, **params) -> list[str]:
    return [row["action"] for row in _listed(api, admin, pageSize=100, **params)["data"]]


@pytest.mark.parametrize("role, status", [(None, 401), (Role.CONSUMER, 403), (Role.ENTERPRISE, 403),
                                          (Role.OFFICER, 403)])
def test_only_administrators_read_it(api, db, trail, role, status):
    bound = {"officer_id": factories.officer(db)} if role == Role.OFFICER else (
        {"business_code": factories.business(db)} if role == Role.ENTERPRISE else {})
    headers = factories.signed_in(api, db, role=role, **bound) if role else {}
    response = api.get(URL, headers=headers)
    assert response.status_code == status
    assert response.json()["error"] == ("Unauthorized" if status == 401 else "Forbidden")


def test_the_service_refuses_anyone_but_an_administrator(db, trail):
    with pytest.raises(Forbidden):
        audit.listed(db, actor=OFFICER)


def test_newest_first_as_stored_with_the_time_and_its_offset(api, admin, trail):
    rows = _listed(api, admin, target="65f000000000000000000001")["data"]
    assert [row["action"] for row in rows] == ["task.result", "task.accepted"]
    assert rows[0]["seq"] > rows[1]["seq"]
    assert rows[1] | {"seq": 0} == {
        "seq": 0, "at": "2026-03-01T01:00:00+00:00", "actor": "officer.audit", "role": "officer",
        "action": "task.accepted", "target": "65f000000000000000000001", "data": {"note": "去现场"},
        "before": None, "intact": True}


def test_pages_say_where_they_are(api, admin, trail):
    first = _listed(api, admin, action="task.", pageSize=2)
    assert first["meta"] | {"nextCursor": None} == {"totalCount": 3, "totalPages": 2, "pageSize": 2,
                                                    "pageNumber": 1, "nextCursor": None,
                                                    "totalIsEstimate": False}
    second = _listed(api, admin, action="task.", pageSize=2, pageNumber=2)
    assert [row["action"] for row in first["data"] + second["data"]] == [
        "task.create", "task.result", "task.accepted"]


@pytest.mark.parametrize("action, found", [
    ("task.", ["task.create", "task.result", "task.accepted"]),
    ("task", ["task.create", "task.result", "task.accepted"]),   # not taskforce.create
    ("task.result", ["task.result"]),
    ("task.res", []),
    ("settings.", ["settings.rules"]),
    ("taskforce", ["taskforce.create"]),
])
def test_by_action_exactly_or_by_family(api, admin, trail, action, found):
    assert _actions(api, admin, action=action) == found


def test_by_target_a_bare_id_finds_its_kinds_too(api, admin, trail):
    assert _actions(api, admin, target="OF-AU-1") == ["random_draw.conflict", "officer.update"]
    assert _actions(api, admin, target="officer:OF-AU-1") == ["officer.update"]


def test_by_actor_and_the_anonymous(api, admin, trail):
    assert _actions(api, admin, actor="officer.audit") == ["random_draw.conflict", "task.result",
                                                           "task.accepted"]
    assert _actions(api, admin, actor="anonymous", action="task.") == ["task.create"]
    assert _actions(api, admin, actor="Officer.Audit") == _actions(api, admin, actor="officer.audit")
    assert _actions(api, admin, actor="officer") == []   # the whole name, not a part


@pytest.mark.parametrize("since, until, found", [
    ("2026-03-01", "2026-03-01", ["task.result", "task.accepted"]),   # to 23:59:59.999 UTC+8
    ("2026-03-02", "2026-03-02", ["taskforce.create", "random_draw.conflict", "officer.update",
                                  "task.create"]),   # from 00:00 UTC+8, 16:00 UTC the day before
    ("2026-03-03", None, ["settings.rules"]),
    (None, "2026-03-01", ["task.result", "task.accepted"]),
])
def test_by_the_municipalitys_days(api, admin, trail, since, until, found):
    params = ({"from": since} if since else {}) | ({"to": until} if until else {})
    rows = _listed(api, admin, pageSize=100, **params)["data"]
    written = {action for _at, _actor, action, _target, _data in WRITTEN}
    assert [row["action"] for row in rows if row["action"] in written] == found


def test_a_range_the_wrong_way_round_is_refused(api, admin, db, trail):
    response = api.get(URL, params={"from": "2026-03-02", "to": "2026-03-01"}, headers=admin)
    assert response.status_code == 422
    assert response.json()["detail"] == "The first day (2026-03-02) comes after the last day (2026-03-01)."
    with pytest.raises(Invalid):
        audit.listed(db, actor=ADMIN, since=datetime(2026, 3, 2).date(), until=datetime(2026, 3, 1).date())


@pytest.mark.parametrize("params", [{"acton": "task."}, {"from": "yesterday"}, {"pageSize": 101}])
def test_a_misspelt_or_unreadable_filter_is_refused(api, admin, trail, params):
    assert api.get(URL, params=params, headers=admin).status_code == 422


def test_secrets_and_bytes_are_withheld(api, admin, trail):
    row = _listed(api, admin, action="settings.rules")["data"][0]
    assert row["data"] == {"password_hash": WITHHELD, "token": WITHHELD, "content_type": "image/png",
                           "password_changed_at": "2026-03-03T06:00:00+00:00",
                           "file": {"content": WITHHELD, "size": 4}, "photos": ["[3 bytes withheld]"],
                           "session_token": WITHHELD}
    changed = _listed(api, admin, action="officer.update")["data"][0]
    assert changed["before"] == {"unit_id": "U-TH", "secret": WITHHELD}
    assert row["intact"] and changed["intact"]   # withheld in the answer, not in the chain


def test_an_account_created_shows_no_password_hash(api, admin, db, trail):
    accounts.create(db, actor=ADMIN, data=UserCreate(username="clerk.audit", password=factories.PASSWORD,
                                                     role=Role.CONSUMER))
    response = api.get(URL, params={"target": "clerk.audit"}, headers=admin)
    assert [row["action"] for row in response.json()["data"]] == ["user.create"]
    assert "argon2" not in response.text and factories.PASSWORD not in response.text


def test_an_edited_entry_is_shown_as_not_intact(api, admin, db, trail):
    db.audit.update_one({"action": "taskforce.create"}, {"$set": {"data.edited": True}})
    rows = _listed(api, admin, action="taskforce")["data"] + _listed(api, admin, action="settings.")["data"]
    assert [row["intact"] for row in rows] == [False, True]


@pytest.mark.parametrize("name, secret", [
    ("password", True), ("password_hash", True), ("new_password", True), ("hash", False),
    ("register_hash", False),   # published: an edition's or a draw register's hash
    ("Token", True), ("session_token", True), ("content", True), ("api_key", True),
    ("password_changed_at", False), ("content_type", False), ("sha256", False),
    ("credentials_version", False), ("tokenizer", False), ("note", False),
])
def test_what_counts_as_a_secret(name, secret):
    assert is_secret(name) is secret


def test_shown_makes_stored_values_plain_json():
    from bson import ObjectId

    oid = ObjectId("65f000000000000000000003")
    assert shown({"id": oid, "on": datetime(2026, 1, 2), "n": [1, 2.5, None, True]}) == {
        "id": "65f000000000000000000003", "on": "2026-01-02T00:00:00+00:00", "n": [1, 2.5, None, True]}


def test_the_document_says_data_meta_and_its_filters(api):
    get = api.get("/api/openapi.json").json()["paths"]["/api/v1/audit"]["get"]
    assert {"action", "target", "actor", "from", "to", "pageNumber", "pageSize"} == {
        param["name"] for param in get["parameters"]}
    assert get["responses"]["200"]["content"]["application/json"]["schema"]["$ref"].endswith(
        "AuditEntriesPublic")


@pytest.mark.parametrize("params", [{"action": "(["}, {"action": "a\x00"}, {"target": "\x00"},
                                    {"from": "0001-01-01", "to": "0001-01-01"}, {"from": "9999-12-31"}])
def test_odd_filters_find_nothing_rather_than_fail(api, admin, trail, params):
    assert _listed(api, admin, **params)["data"] == []


def test_far_days_bound_nothing(api, admin, trail):
    everything = _listed(api, admin)["meta"]["totalCount"]
    widest = _listed(api, admin, **{"from": "0001-01-01", "to": "9999-12-31"})
    assert widest["meta"]["totalCount"] == everything
