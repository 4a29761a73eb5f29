"""A licence or staff record entered by mistake is withdrawn with a reason: it leaves the public
page, the lists and the expiry warnings, stays in the database marked withdrawn, and the audit
trail says who withdrew it and why. The business may for a day after recording it; an officer of
its district any time."""

from datetime import timedelta

import pytest

from backend import clock
from backend.expiry import service as expiry
from backend.users.schemas import Role
from tests import factories
from tests.backend.licences.test_routes import licence, staff

REASON = {"reason": "许可证编号录错，已重新登记"}


@pytest.fixture(scope="module")
def shop(db, api):
    factories.unit(db, id="U-YX", districts=("越秀区",))
    code = factories.business(db)
    return {"code": code,
            "owner": factories.signed_in(api, db, role=Role.ENTERPRISE, business_code=code),
            "officer": factories.signed_in(api, db, role=Role.OFFICER, officer_id=factories.officer(db)),
            "outsider": factories.signed_in(api, db, role=Role.OFFICER,
                                            officer_id=factories.officer(db, unit_id="U-YX"))}


def _record(api, code, headers, **changes):
    response = api.post(f"/api/v1/businesses/{code}/licences", json=licence(**changes), headers=headers)
    assert response.status_code == 201, response.text
    return response.json()["id"]


def _numbers_shown(api, code):
    return [row["number"] for row in api.get(f"/api/v1/businesses/{code}").json()["licences"]]


def _masked_names(api, code):
    return [row["masked_name"] for row in api.get(f"/api/v1/businesses/{code}").json()["staff"]["members"]]


def _withdraw(api, code, what, record_id, headers, body=None):
    return api.post(f"/api/v1/businesses/{code}/{what}/{record_id}/withdrawal",
                    json=REASON if body is None else body, headers=headers)


def test_a_mistyped_licence_is_withdrawn_by_the_business_and_leaves_the_public_page(api, db, shop):
    code, owner = shop["code"], shop["owner"]
    wrong = _record(api, code, owner, number="JY14401060009999")
    assert "JY14401060009999" in _numbers_shown(api, code)
    listed = api.get(f"/api/v1/businesses/{code}/licences", headers=owner).json()
    assert [(row["id"], row["current"], row["withdrawable"])
            for row in listed["data"]] == [(wrong, True, True)]
    response = _withdraw(api, code, "licences", wrong, owner)
    assert response.status_code == 200, response.text
    assert response.json()["reason"] == REASON["reason"] and response.json()["id"] == wrong
    assert "JY14401060009999" not in _numbers_shown(api, code)
    assert api.get(f"/api/v1/businesses/{code}/licences", headers=owner).json()["count"] == 0
    kept = db.withdrawn_licences.find_one({"number": "JY14401060009999"})  # kept, marked withdrawn
    assert kept["withdrawal"]["reason"] == REASON["reason"] and kept["business_code"] == code
    entry = db.audit.find_one({"action": "licence.withdraw", "target": code})
    assert entry["data"]["licence_id"] == wrong and entry["data"]["reason"] == REASON["reason"]
    assert entry["role"] == "enterprise"
    again = _withdraw(api, code, "licences", wrong, owner)  # sent twice, or another officer first
    assert again.status_code == 409
    said = again.json()["detail"]
    assert "JY14401060009999 was withdrawn on" in said and REASON["reason"] in said
    _record(api, code, owner, number="JY14401060009999")  # the same licence may be recorded again
    assert "JY14401060009999" in _numbers_shown(api, code)


def test_an_issue_recorded_by_mistake_brings_the_one_it_replaced_back(api, db, shop):
    code, officer = shop["code"], shop["officer"]
    _record(api, code, officer, number="JY14401060007777", issued_on=str(factories.days_from_today(-300)))
    later = _record(api, code, officer, number="JY14401060007777",
                    issued_on=str(factories.days_from_today(-5)),
                    expires_on=str(factories.days_from_today(400)))
    shown = api.get(f"/api/v1/businesses/{code}").json()["licences"]
    assert [row["issued_on"] for row in shown if row["number"] == "JY14401060007777"] == [
        str(factories.days_from_today(-5))]
    assert _withdraw(api, code, "licences", later, officer).status_code == 200
    shown = api.get(f"/api/v1/businesses/{code}").json()["licences"]
    assert [row["issued_on"] for row in shown if row["number"] == "JY14401060007777"] == [
        str(factories.days_from_today(-300))]


def test_who_may_withdraw(api, db, shop):
    code = shop["code"]
    by_officer = _record(api, code, shop["officer"], number="JY14401060005555")
    refused = _withdraw(api, code, "licences", by_officer, shop["owner"])
    assert refused.status_code == 403 and "Only the account that recorded it" in refused.json()["detail"]
    own = _record(api, code, shop["owner"], number="JY14401060006666")
    db.licences.update_one({"number": "JY14401060006666"},
                           {"$set": {"created_at": clock.now() - timedelta(hours=25)}})
    listed = {row["id"]: row for row in api.get(f"/api/v1/businesses/{code}/licences",
                                                 headers=shop["owner"]).json()["data"]}
    assert listed[own]["withdrawable"] is False and listed[by_officer]["withdrawable"] is False
    late = _withdraw(api, code, "licences", own, shop["owner"])
    assert late.status_code == 403 and "for 24 hours only" in late.json()["detail"]
    assert _withdraw(api, code, "licences", own, shop["outsider"]).status_code == 403  # not their district
    assert _withdraw(api, code, "licences", own, {}).status_code == 401
    assert _withdraw(api, code, "licences", own, shop["officer"], {"reason": ""}).status_code == 422
    assert _withdraw(api, code, "licences", "not-an-id", shop["officer"]).status_code == 404
    assert _withdraw(api, code, "licences", own, shop["officer"]).status_code == 200  # any time
    assert _withdraw(api, code, "licences", by_officer, shop["officer"]).status_code == 200
    assert db.licences.count_documents({"number": {"$in": ["JY14401060005555", "JY14401060006666"]}}) == 0


def test_a_withdrawn_licence_gets_no_expiry_warning(api, db, shop):
    code, officer = shop["code"], shop["officer"]
    wrong = _record(api, code, officer, number="JY14401060004444",
                    expires_on=str(factories.days_from_today(20)))
    expiry.scan(db)
    key = f"licence:{code}:JY14401060004444:"
    pending = [row for row in db.notice_outbox.find({"business_code": code}) if row["_id"].startswith(key)]
    assert [row["status"] for row in pending] == ["pending"]
    assert _withdraw(api, code, "licences", wrong, officer).status_code == 200
    assert db.notice_outbox.find_one({"_id": pending[0]["_id"]})["status"] == "withdrawn"  # not sent
    expiry.scan(db)  # and the scan writes none again
    assert [row["status"] for row in db.notice_outbox.find({"business_code": code})
            if row["_id"].startswith(key)] == ["withdrawn"]


def test_a_member_entered_by_mistake_leaves_without_becoming_a_former_member(api, db, shop):
    code, owner = shop["code"], shop["owner"]
    recorded = api.post(f"/api/v1/businesses/{code}/staff", headers=owner,
                        json=staff(name="错录人", health_certificate_number="JK20269901"))
    member = recorded.json()["id"]
    assert "错**" in _masked_names(api, code)
    listed = api.get(f"/api/v1/businesses/{code}/staff", headers=owner).json()["data"]
    assert [row["withdrawable"] for row in listed if row["id"] == member] == [True]
    assert _withdraw(api, code, "staff", member, owner, {"reason": "录错了人"}).status_code == 200
    assert "错**" not in _masked_names(api, code)
    kept = api.get(f"/api/v1/businesses/{code}/staff", headers=owner).json()["data"]
    assert member not in [row["id"] for row in kept]
    assert db.withdrawn_staff.find_one({"name": "错录人"})["withdrawal"]["reason"] == "录错了人"
    assert db.audit.find_one({"action": "staff.withdraw", "target": code})["data"]["reason"] == "录错了人"
    left = api.post(f"/api/v1/businesses/{code}/staff/{member}/departure", headers=owner,
                    json={"left_on": str(factories.days_from_today(0))})
    assert left.status_code == 409 and "The record of 错录人 was withdrawn on" in left.json()["detail"]
    again = api.post(f"/api/v1/businesses/{code}/staff", headers=owner,  # its certificate is free again
                     json=staff(name="对的人", health_certificate_number="JK20269901"))
    assert again.status_code == 201
