"""A health certificate number is on record once per business: a renewal may not bring back the
member's own number, an earlier one or another member's, nor may a new member carry one renewed since."""

import pytest

from backend.staff import service
from backend.users.schemas import Role
from tests import factories
from tests.factories import ADMIN, days_from_today

ON_RECORD = "Health certificate {} is already recorded for this business."


def _dates():
    return {"certificate_issued_on": str(days_from_today(-1)),
            "certificate_expires_on": str(days_from_today(300))}


@pytest.fixture(scope="module")
def shop(db, api):
    code = factories.business(db)
    factories.staff_member(db, code, name="甲续", expires_in_days=10)
    factories.staff_member(db, code, name="乙同事", expires_in_days=200)
    members = {row.name: row for row in service.list_for(db, actor=ADMIN, code=code).data}
    owner = factories.signed_in(api, db, role=Role.ENTERPRISE, business_code=code)
    path = f"/api/v1/businesses/{code}/staff/{members['甲续'].id}/certificate"
    earlier = members["甲续"].health_certificate_number
    renewed = api.put(path, headers=owner, json={
        "number": "JK2026M0001", "issued_on": str(days_from_today(-2)),
        "expires_on": str(days_from_today(363))})
    assert renewed.status_code == 200, renewed.text
    return {"code": code, "owner": owner, "path": path, "earlier": earlier,
            "colleague": members["乙同事"].health_certificate_number}


@pytest.mark.parametrize("which", ["current", "earlier", "colleague"])
def test_a_renewal_with_a_number_on_record_is_a_conflict(db, api, shop, which):
    number = {"current": "JK2026M0001"}.get(which) or shop[which]
    response = api.put(shop["path"], headers=shop["owner"], json={
        "number": number, "issued_on": str(days_from_today(0)), "expires_on": str(days_from_today(365))})
    assert response.status_code == 409, response.text
    assert response.json()["detail"] == ON_RECORD.format(number)
    stored = db.staff.find_one({"business_code": shop["code"], "name": "甲续"})
    assert stored["health_certificate_number"] == "JK2026M0001"
    assert [row["number"] for row in stored["certificate_history"]] == [shop["earlier"]]


def test_a_new_member_with_a_renewed_number_is_a_conflict(db, api, shop):
    response = api.post(f"/api/v1/businesses/{shop['code']}/staff", headers=shop["owner"], json={
        "name": "丙新", "health_certificate_number": shop["earlier"], **_dates()})
    assert response.status_code == 409 and response.json()["detail"] == ON_RECORD.format(shop["earlier"])
    assert db.staff.count_documents({"business_code": shop["code"], "name": "丙新"}) == 0


def test_another_business_may_record_the_same_number(db, api, shop):
    other = factories.business(db)
    response = api.post(f"/api/v1/businesses/{other}/staff", headers=factories.signed_in(
        api, db, role=Role.ENTERPRISE, business_code=other), json={
        "name": "丁别家", "health_certificate_number": shop["earlier"], **_dates()})
    assert response.status_code == 201, response.text
