"""The public page lists each licence once: a later issue of the same kind and number replaces
the earlier one; other licences of the same kind stay."""

from backend.licences import service
from backend.licences.schemas import LicenceCreate, current_licences
from backend.users.schemas import Role
from tests import factories
from tests.factories import ADMIN, days_from_today


def _issue(db, code, number, issued_ago, expires_in, kind="food_business_licence"):
    service.record(db, actor=ADMIN, code=code, data=LicenceCreate(
        kind=kind, number=number, issued_on=days_from_today(-issued_ago),
        expires_on=days_from_today(expires_in)))


def _listed(api, code):
    return sorted((row["number"], row["issued_on"], row["status"])
                  for row in api.get(f"/api/v1/businesses/{code}").json()["licences"])


def test_a_renewed_licence_replaces_the_old_one_on_the_page(db, api):
    code = factories.business(db)
    _issue(db, code, "JY14401060000321", 1830, -3)
    assert _listed(api, code) == [("JY14401060000321", str(days_from_today(-1830)), "expired")]
    owner = factories.signed_in(api, db, role=Role.ENTERPRISE, business_code=code)
    renewed = api.post(f"/api/v1/businesses/{code}/licences", headers=owner, json={
        "kind": "food_business_licence", "number": "JY14401060000321",
        "issued_on": str(days_from_today(-2)), "expires_on": str(days_from_today(1824))})
    assert renewed.status_code == 201, renewed.text
    assert _listed(api, code) == [("JY14401060000321", str(days_from_today(-2)), "valid")]
    older = api.post(f"/api/v1/businesses/{code}/licences", headers=owner, json={
        "kind": "food_business_licence", "number": "JY14401060000321",
        "issued_on": str(days_from_today(-900)), "expires_on": str(days_from_today(900))})
    assert older.status_code == 409 and str(days_from_today(-2)) in older.json()["detail"]


def test_other_licences_of_the_same_kind_stay_listed(db, api):
    code = factories.business(db)
    _issue(db, code, "梯11粤A0000001(24)", 300, 60, kind="special_equipment_registration")
    _issue(db, code, "梯11粤A0000002(24)", 30, 330, kind="special_equipment_registration")
    _issue(db, code, "JY14401060000322", 30, 1790)
    assert [row[0] for row in _listed(api, code)] == ["JY14401060000322", "梯11粤A0000001(24)",
                                                      "梯11粤A0000002(24)"]


def test_the_rule_keeps_the_order_given_and_leaves_unrelated_kinds():
    rows = [{"kind": "food_business_licence", "number": "A1", "issued_on": 3},
            {"kind": "food_business_licence", "number": "A1", "issued_on": 1},
            {"kind": "business_licence", "number": "A1", "issued_on": 2}]
    assert current_licences(rows) == [rows[0], rows[2]]
