"""Alert rules per class: published, changed by the ALERT_RULES setting, and set per camera by
its officers only (never by the business they watch); the worker judges frames by them."""

import pytest

from backend.alerts.schemas import RULED_KINDS
from backend.config import get_settings
from tests import factories, kitchen
from tests.kitchen import ROLES

SETTERS = (401, 403, 403, 403, 200, 403, 200)


@pytest.fixture(scope="module")
def world(db, api):
    code = factories.business(db, district="天河区", name="规则小馆")
    return code, kitchen.headers_by_role(api, db, code)


def _by_kind(api) -> dict[str, tuple]:
    rows = api.get("/api/v1/alerts/rules").json()["data"]
    return {row["kind"]: (row["persist"], row["window"], row["cooldown_s"], row["min_confidence"])
            for row in rows}


def test_the_rules_in_force_are_published(api, monkeypatch):
    rules = _by_kind(api)
    assert rules["rat"] == (2, 5, 600.0, 0.5) and rules["phone"] == (3, 5, 600.0, 0.5)
    assert set(rules) == set(RULED_KINDS) - {"person"}  # "stranger" is off unless configured
    monkeypatch.setattr(get_settings(), "alert_rules",
                        {"phone": None, "rat": {"persist": 1, "cooldown_s": 60}})
    changed = _by_kind(api)
    assert "phone" not in changed and changed["rat"] == (1, 5, 60.0, 0.5)


def test_the_rules_are_paged_as_every_list_is_in_the_order_of_the_classes(api):
    whole = api.get("/api/v1/alerts/rules").json()
    kinds = [row["kind"] for row in whole["data"]]
    assert kinds == [kind for kind in RULED_KINDS if kind in kinds]
    assert (whole["meta"]["totalCount"], whole["meta"]["pageNumber"], whole["meta"]["pageSize"]) == (
        len(kinds), 1, 20)
    pages = [api.get("/api/v1/alerts/rules", params={"pageSize": 2, "pageNumber": n}).json()
             for n in range(1, whole["meta"]["totalCount"] // 2 + 2)]
    assert [row["kind"] for found in pages for row in found["data"]] == kinds
    assert {found["meta"]["totalPages"] for found in pages} == {-(-len(kinds) // 2)}


@pytest.mark.parametrize(("params", "refused"), [
    ({"kind": "rat"}, "kind"), ({"pageSize": 101}, "pageSize"), ({"pageNumber": [1, 2]}, "pageNumber")])
def test_other_parameters_are_refused_not_ignored(api, params, refused):
    response = api.get("/api/v1/alerts/rules", params=params)
    assert response.status_code == 422 and response.json()["detail"].startswith(f"{refused}: ")


@pytest.mark.parametrize("role, status", list(zip(ROLES, SETTERS, strict=True)))
def test_only_its_officers_set_a_cameras_rules(db, api, world, role, status):
    code, headers = world
    camera_id = kitchen.camera(db, code)
    response = api.patch(f"/api/v1/cameras/{camera_id}", headers=headers[role],
                         json={"rules": {"phone": None, "rat": {"persist": 1, "window": 3}}})
    assert response.status_code == status, response.text
    stored = db.cameras.find_one({"_id": camera_id}).get("rules")
    assert stored == ({"phone": None, "rat": {"persist": 1, "window": 3}} if status == 200 else None)


@pytest.mark.parametrize("rules, message", [
    ({"rat": {"persist": 4, "window": 3}}, "cannot need more frames than it looks at"),
    ({"rat": {"persist": 6}}, "cannot need more frames than it looks at"),  # the window stays 5
    ({"chef": {"persist": 1}}, "Unknown detection classes: chef."),
    ({"rat": {"window": 0}}, "Must be at least 1."),
])
def test_contradictory_or_unknown_rules_are_refused(db, api, world, rules, message):
    code, headers = world
    camera_id = kitchen.camera(db, code)
    response = api.patch(f"/api/v1/cameras/{camera_id}", headers=headers["admin"], json={"rules": rules})
    assert response.status_code == 422 and message in response.text
    assert "rules" not in db.cameras.find_one({"_id": camera_id})
