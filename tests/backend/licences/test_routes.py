"""Licences and staff certificates recorded for a business."""

import pytest

from backend.users.schemas import Role
from tests import factories


@pytest.fixture(scope="module")
def shop(db, api):
    code = factories.business(db)
    officer = factories.signed_in(api, db, role=Role.OFFICER, officer_id=factories.officer(db))
    owner = factories.signed_in(api, db, role=Role.ENTERPRISE, business_code=code)
    return code, officer, owner


def licence(**changes):
    return {"kind": "food_business_licence", "number": "JY14401060000001",
            "issued_on": str(factories.days_from_today(-300)),
            "expires_on": str(factories.days_from_today(30)), "issuer": "天河区市场监督管理局"} | changes


def staff(**changes):
    return {"name": "刘一手", "position": "厨师", "health_certificate_number": "JK20260001",
            "certificate_issued_on": str(factories.days_from_today(-300)),
            "certificate_expires_on": str(factories.days_from_today(65))} | changes


def test_a_licence_shows_with_its_status_and_days_left(api, shop):
    code, officer, _ = shop
    response = api.post(f"/api/v1/businesses/{code}/licences", json=licence(), headers=officer)
    assert response.status_code == 201
    answered = response.json()
    assert answered.pop("id") and answered.pop("created_at")
    assert answered == licence() | {"business_code": code}
    shown = api.get(f"/api/v1/businesses/{code}").json()["licences"][0]
    assert (shown["number"], shown["status"], shown["days_left"]) == ("JY14401060000001",
                                                                      "expiring", 30)
    assert shown["issuer"] == "天河区市场监督管理局"


def test_a_long_term_licence_has_no_expiry(api, shop):
    code, officer, _ = shop
    body = licence(kind="business_licence", number=code, expires_on=None)
    assert api.post(f"/api/v1/businesses/{code}/licences", json=body, headers=officer).status_code == 201
    shown = {row["number"]: row for row in api.get(f"/api/v1/businesses/{code}").json()["licences"]}
    assert (shown[code]["status"], shown[code]["days_left"]) == ("valid", None)


def test_the_business_records_its_own_staff_masked(api, shop):
    code, _, owner = shop
    response = api.post(f"/api/v1/businesses/{code}/staff", json=staff(), headers=owner)
    assert response.status_code == 201
    assert response.json() | {"id": "", "created_at": ""} == staff() | {
        "phone": "", "business_code": code, "id": "", "created_at": ""}  # to its writer, in full
    published = api.get(f"/api/v1/businesses/{code}")
    members = published.json()["staff"]["members"]
    assert [(m["masked_name"], m["certificate_status"]) for m in members] == [("刘**", "expiring")]
    assert "刘一手" not in published.text and "JK20260001" not in published.text


@pytest.mark.parametrize("path, body, message", [
    ("licences", licence(expires_on=str(factories.days_from_today(-400))),
     "A licence cannot expire before it is issued."),
    ("licences", licence(kind="fishing_permit"), "kind: "),
    ("licences", licence(number="J1"), "number: "),
    ("staff", staff(certificate_expires_on=str(factories.days_from_today(-400))),
     "A health certificate cannot expire before it is issued."),
    ("staff", staff(name=""), "name: "),
])
def test_unsound_records_are_refused_readably(api, shop, path, body, message):
    code, officer, _ = shop
    response = api.post(f"/api/v1/businesses/{code}/{path}", json=body, headers=officer)
    assert response.status_code == 422, response.text
    assert message in response.json()["detail"]
