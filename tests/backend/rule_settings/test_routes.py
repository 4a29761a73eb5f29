"""GET and PATCH /api/v1/settings: administrators read and change the domain rules."""


from backend.config import get_settings
from backend.users.schemas import Role
from tests import factories

URL = "/api/v1/settings"


def test_an_administrator_reads_every_rule_with_its_default(api, db):
    body = api.get(URL, headers=factories.signed_in(api, db, role=Role.ADMIN)).json()
    rows = {row["name"]: row for row in body["data"]}
    assert body["version"] == 0 and "secret_key" not in rows and "port" not in rows
    assert rows["expiry_windows"] == {"name": "expiry_windows", "group": "licences", "value": [90, 30, 7],
                                      "default": [90, 30, 7], "overridden": False}


def test_others_are_refused(api, db):
    assert api.get(URL).status_code == 401
    officer = factories.signed_in(api, db, role=Role.OFFICER, officer_id=factories.officer(db))
    assert api.get(URL, headers=officer).status_code == 403
    assert api.patch(URL, json={"minor_fine_yuan": 5}, headers=officer).status_code == 403
    assert get_settings().minor_fine_yuan == 10_000


def test_a_patch_changes_rules_and_null_puts_one_back(api, db):
    admin = factories.signed_in(api, db, role=Role.ADMIN)
    body = api.patch(URL, json={"grade_bands": [85, 65], "extra_holidays": ["2026-12-24"]},
                     headers=admin).json()
    rows = {row["name"]: row for row in body["data"]}
    assert body["version"] == 1 and rows["grade_bands"]["value"] == [85.0, 65.0]
    assert rows["extra_holidays"]["overridden"] and get_settings().grade_bands == [85.0, 65.0]
    body = api.patch(URL, json={"grade_bands": None}, headers=admin).json()
    assert body["version"] == 2 and get_settings().grade_bands == [90.0, 70.0]


def test_refusals_name_each_rule_and_store_nothing(api, db):
    admin = factories.signed_in(api, db, role=Role.ADMIN)
    refused = api.patch(URL, json={"grade_bands": [10, 90], "complaint_accept_days": 0}, headers=admin)
    assert refused.status_code == 422
    lines = refused.json()["errors"]
    assert any(line.startswith("grade_bands: Two scores") for line in lines), lines
    assert "complaint_accept_days: Must be at least 1." in lines
    refused = api.patch(URL, json={"mongodb_uri": "mongodb://elsewhere"}, headers=admin)
    assert refused.status_code == 422 and "mongodb_uri" in refused.json()["detail"]
    assert db.settings.find_one() is None
