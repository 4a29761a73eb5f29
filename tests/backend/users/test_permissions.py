"""Who may write what: every write endpoint against every role, and what a write leaves behind.

A successful write shows on the public record and in the audit trail under the actor's name;
a refused one leaves neither."""

import itertools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from backend.users.schemas import Role
from tests import factories

ROLES = ("anonymous", "consumer", "enterprise of another business", "enterprise of this business",
         "officer of its district", "officer of another unit", "admin")
OFFICERS_ONLY = (401, 403, 403, 403, 201, 403, 201)
BUSINESS_TOO = (401, 403, 403, 201, 201, 403, 201)
_serial = itertools.count(1)


@dataclass
class World:
    code: str
    usernames: dict[str, str | None]
    headers: dict[str, dict[str, str]]
    officer_ids: dict[str, str]  # the officer record behind each officer role


@dataclass
class Write:
    """One write endpoint: how to call it, and how to see its effect on the public record."""

    action: str  # as the audit trail names it
    request: Callable[[World, str, int], tuple[str, dict[str, Any], str]]  # path, body, target
    published: Callable[[Any, World, dict[str, Any], str], bool]


def record_of(api, code: str) -> dict[str, Any]:
    return api.get(f"/api/v1/businesses/{code}").json()


def _register(world, role, n):
    code = factories.valid_code()
    return "/api/v1/businesses", {"code": code, "name": f"新店{n}", "trade": "catering",
                                  "address": f"天河区天河北路{n}号", "district": "天河区"}, code


def _licence(world, role, n):
    return f"/api/v1/businesses/{world.code}/licences", {
        "kind": "food_business_licence", "number": f"JY24401060{n:06d}",
        "issued_on": str(factories.days_from_today(-10)),
        "expires_on": str(factories.days_from_today(1800))}, world.code


def _staff(world, role, n):
    return f"/api/v1/businesses/{world.code}/staff", {
        "name": "赵六", "position": "帮厨", "phone": "13700001111",
        "health_certificate_number": f"JK{n:08d}",
        "certificate_issued_on": str(factories.days_from_today(-10)),
        "certificate_expires_on": str(factories.days_from_today(300 + n))}, world.code


def _purchase(world, role, n):
    return f"/api/v1/businesses/{world.code}/purchases", {
        "item": f"食材{n}", "supplier": "江南果菜批发市场",
        "purchased_on": str(factories.days_from_today(-1))}, world.code


def _rapid_test(world, role, n):
    return f"/api/v1/businesses/{world.code}/rapid-tests", {
        "item": f"样品{n}", "test": "农药残留", "tested_on": str(factories.days_from_today(-1)),
        "result": "pass"}, world.code


def _inspection(world, role, n):
    first = world.officer_ids.get(role, world.officer_ids["officer of its district"])
    return "/api/v1/inspections", {
        # a day of its own (the same officers, day and result would be the same inspection), each
        # newer than the last: an inspection is public until the business's next one
        "business_code": world.code, "date": str(factories.days_from_today(n - 1000)),
        "source": "routine", "officer_ids": [first, world.officer_ids["colleague"]],
        "result": "compliant", "opinion": f"检查记录{n}", "checked_items": ["许可证公示"]}, world.code


def _penalty(world, role, n):
    return "/api/v1/penalties", {
        "business_code": world.code, "decision_number": f"穗天市监罚〔2026〕{n}号",
        "facts": "使用超过保质期的食品原料", "legal_basis": "《食品安全法》第一百二十四条",
        "measures": ["fine"], "fine_yuan": 5000,
        "decided_on": str(factories.days_from_today(-1))}, world.code


def _listed(section: str, field: str) -> Callable[..., bool]:
    """Whether the written value shows in one list of the business's public record."""

    def published(api, world, body, target) -> bool:
        rows = record_of(api, target)[section]
        rows = rows["members"] if section == "staff" else rows
        return body[field] in [row[field] for row in rows]

    return published


def _registered(api, world, body, target) -> bool:
    return api.get(f"/api/v1/businesses/{target}").status_code == 200


WRITES = {
    "register business": Write("business.register", _register, _registered),
    "licence": Write("licence.record", _licence, _listed("licences", "number")),
    "staff": Write("staff.record", _staff, _listed("staff", "certificate_expires_on")),
    "purchase": Write("purchase.record", _purchase, _listed("purchases", "item")),
    "rapid test": Write("rapid_test.record", _rapid_test, _listed("rapid_tests", "item")),
    "inspection": Write("inspection.record", _inspection, _listed("inspections", "opinion")),
    "penalty": Write("penalty.record", _penalty, _listed("penalties", "decision_number")),
}
EXPECTED = {
    "register business": OFFICERS_ONLY,
    "licence": BUSINESS_TOO,  # a renewed licence, recorded by the business itself
    "staff": BUSINESS_TOO,
    "purchase": BUSINESS_TOO,
    "rapid test": BUSINESS_TOO,
    "inspection": OFFICERS_ONLY,
    "penalty": OFFICERS_ONLY,
}
CASES = [(write, role, status) for write, statuses in EXPECTED.items()
         for role, status in zip(ROLES, statuses, strict=True)]


@pytest.fixture(scope="module")
def world(db, api) -> World:
    factories.unit(db, id="U-TH", districts=("天河区",))
    factories.unit(db, id="U-YX", districts=("越秀区",))
    code = factories.business(db, district="天河区")
    other = factories.business(db, district="天河区")
    officer_ids = {"officer of its district": factories.officer(db, unit_id="U-TH"),
                   "colleague": factories.officer(db, unit_id="U-TH"),
                   "officer of another unit": factories.officer(db, unit_id="U-YX")}
    bindings = {
        "consumer": (Role.CONSUMER, {}),
        "enterprise of another business": (Role.ENTERPRISE, {"business_code": other}),
        "enterprise of this business": (Role.ENTERPRISE, {"business_code": code}),
        "officer of its district": (Role.OFFICER,
                                    {"officer_id": officer_ids["officer of its district"]}),
        "officer of another unit": (Role.OFFICER,
                                    {"officer_id": officer_ids["officer of another unit"]}),
        "admin": (Role.ADMIN, {}),
    }
    usernames: dict[str, str | None] = {"anonymous": None}
    headers: dict[str, dict[str, str]] = {"anonymous": {}}
    for role, (kind, bound) in bindings.items():
        usernames[role] = factories.user(db, role=kind, **bound)
        headers[role] = factories.token(api, usernames[role])
    return World(code=code, usernames=usernames, headers=headers, officer_ids=officer_ids)


# Writes that change no public profile; each has its own permission table beside its feature.
TESTED_ELSEWHERE = {
    ("post", "/api/v1/tasks/{task_id}/close"),  # tests/backend/tasks
    ("post", "/api/v1/tasks/{task_id}/accept"),  # tests/backend/tasks/test_workflow.py
    ("post", "/api/v1/tasks/{task_id}/assign"),  # same
    ("post", "/api/v1/tasks/{task_id}/rectification"),  # same
    ("post", "/api/v1/tasks/{task_id}/result"),  # same
    ("post", "/api/v1/tasks/{task_id}/evidence"),  # same
    ("post", "/api/v1/tasks/{task_id}/send-back"),  # tests/backend/tasks/test_outcome_routes.py
    ("post", "/api/v1/complaints"),  # anonymous by design: tests/backend/complaints
    ("post", "/api/v1/complaints/with-photos"),  # same
    ("post", "/api/v1/complaints/{tracking_code}/reopen"),  # same
    ("post", "/api/v1/complaints/{tracking_code}/feedback"),  # same
    ("put", "/api/v1/grids/{district}/{grid}"),  # admin only: tests/backend/grids
    ("post", "/api/v1/equipment"),  # tests/backend/equipment/test_routes.py
    ("patch", "/api/v1/equipment/{code}"),  # tests/backend/equipment/test_routes.py
    ("post", "/api/v1/equipment/{code}/faults"),  # anonymous by design: test_routes.py
    ("post", "/api/v1/random-draws"),  # tests/backend/random_draw/test_routes.py
    ("post", "/api/v1/random-draws/{plan_id}/publish"),  # same
    ("post", "/api/v1/random-draws/{plan_id}/run"),  # same
    ("post", "/api/v1/random-draws/conflicts"),  # same
    # tests/backend/repair/test_routes.py and tests/backend/repair/test_service.py
    ("post", "/api/v1/repair/evidence"), ("post", "/api/v1/repair/applications"),
    ("post", "/api/v1/repair/applications/{application_id}/decision"),
    ("post", "/api/v1/repair/fulfilments/{decision_number}"),
    # tests/backend/objections/test_service.py and tests/backend/repair/test_routes.py
    ("post", "/api/v1/objections"), ("post", "/api/v1/objections/{objection_id}/decision"),
    # tests/backend/lists/test_service.py and tests/backend/repair/test_routes.py
    ("put", "/api/v1/lists/criteria"), ("post", "/api/v1/lists/editions"),
    ("patch", "/api/v1/businesses/{code}"),  # tests/backend/businesses/test_search.py
    ("post", "/api/v1/businesses/{code}/reviews"),  # anyone: tests/backend/reviews/test_api.py
    ("post", "/api/v1/reviews/{review_id}/reply"),  # tests/backend/reviews/test_replies.py
    ("post", "/api/v1/reviews/{review_id}/answer"),  # tests/backend/reviews/test_replies.py
    ("post", "/api/v1/reviews/{review_id}/escalate"),  # tests/backend/reviews/test_replies.py
    ("post", "/api/v1/evaluations"),  # tests/backend/evaluations
    ("post", "/api/v1/evaluations/{evaluation_id}/answer"),  # tests/backend/evaluations
    ("post", "/api/v1/evaluations/{evaluation_id}/revisit"),  # tests/backend/evaluations
    ("post", "/api/v1/cameras"),  # tests/backend/cameras/test_routes.py
    ("patch", "/api/v1/cameras/{camera_id}"),  # tests/backend/cameras/test_routes.py
    ("post", "/api/v1/alerts/{alert_id}/confirm"),  # tests/backend/alerts/test_routes.py
    ("post", "/api/v1/alerts/{alert_id}/dismiss"),  # tests/backend/alerts/test_routes.py
    ("post", "/api/v1/alerts/{alert_id}/rectify"),  # tests/backend/alerts/test_routes.py
    ("put", "/api/v1/businesses/{code}/staff/{member_id}/certificate"),  # tests/backend/staff
    ("post", "/api/v1/businesses/{code}/staff/{member_id}/departure"),  # tests/backend/staff
    # records entered by mistake: tests/backend/licences/test_withdrawal.py
    ("post", "/api/v1/businesses/{code}/licences/{licence_id}/withdrawal"),
    ("post", "/api/v1/businesses/{code}/staff/{member_id}/withdrawal"),
    # administrators only: tests/backend/users/test_accounts.py, tests/backend/officers/test_admin.py
    ("post", "/api/v1/users"), ("patch", "/api/v1/users/{username}"),
    ("post", "/api/v1/users/{username}/password"), ("post", "/api/v1/auth/password"),
    ("post", "/api/v1/units"), ("post", "/api/v1/officers"), ("patch", "/api/v1/officers/{officer_id}"),
    ("patch", "/api/v1/units/{unit_id}"),  # tests/backend/officers/test_unit_update.py
    ("patch", "/api/v1/settings"),  # administrators only: tests/backend/rule_settings/test_routes.py
}


def test_every_write_endpoint_is_in_the_table(api):
    writes = {(method, path) for path, item in api.get("/api/openapi.json").json()["paths"].items()
              for method in item if method in ("post", "put", "patch", "delete")}
    writes.discard(("post", "/api/v1/auth/login"))  # signing in writes nothing
    writes -= TESTED_ELSEWHERE
    assert writes == {("post", "/api/v1/businesses"),
                      ("post", "/api/v1/businesses/{code}/licences"),
                      ("post", "/api/v1/businesses/{code}/staff"),
                      ("post", "/api/v1/businesses/{code}/purchases"),
                      ("post", "/api/v1/businesses/{code}/rapid-tests"),
                      ("post", "/api/v1/inspections"),
                      ("post", "/api/v1/penalties")}, "a new write endpoint needs rows in EXPECTED"


@pytest.mark.parametrize("write, role, status", CASES,
                         ids=[f"{write}-{role.replace(' ', '_')}" for write, role, _ in CASES])
def test_who_may_write(db, api, world, write, role, status):
    path, body, target = WRITES[write].request(world, role, next(_serial))
    audit_before = db.audit.count_documents({})
    response = api.post(path, json=body, headers=world.headers[role])
    assert response.status_code == status, response.text
    published = WRITES[write].published(api, world, body, target)
    if status == 201:
        assert published
        entry = db.audit.find_one({"target": target}, sort=[("at", -1), ("_id", -1)])
        assert entry["actor"] == world.usernames[role]
        assert entry["role"] == role.split()[0]
        assert entry["action"] == WRITES[write].action
    else:
        assert not published
        assert db.audit.count_documents({}) == audit_before
        assert response.json()["error"] in {"Unauthorized", "Forbidden"}
        assert response.json()["detail"]
        if status == 401:
            assert response.json()["detail"] == "Please sign in first."
            assert response.headers["www-authenticate"] == "Bearer"


@pytest.mark.parametrize("write", list(WRITES))
def test_a_forged_token_is_refused_not_treated_as_anonymous(api, world, write):
    path, body, _ = WRITES[write].request(world, "admin", next(_serial))
    response = api.post(path, json=body, headers={"Authorization": "Bearer forged.token.here"})
    assert response.status_code == 401
    assert "sign in again" in response.json()["detail"]


def test_an_officer_of_another_unit_is_told_why(api, world):
    path, body, _ = _licence(world, "officer of another unit", next(_serial))
    response = api.post(path, json=body, headers=world.headers["officer of another unit"])
    assert response.status_code == 403
    assert "outside your unit's districts (天河区)" in response.json()["detail"]


def test_an_enterprise_is_told_it_may_act_only_for_its_own_business(api, world):
    path, body, _ = _staff(world, "enterprise of another business", next(_serial))
    response = api.post(path, json=body, headers=world.headers["enterprise of another business"])
    assert response.status_code == 403
    assert "only act for its own business" in response.json()["detail"]
