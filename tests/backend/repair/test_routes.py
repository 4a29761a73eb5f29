"""Permissions through the API: an enterprise only for its own business, officers in their unit."""

import pytest

from backend.users.schemas import Role
from tests import factories


@pytest.fixture(scope="module")
def world(api, db):
    factories.unit(db, id="U-TH", districts=("天河区",))
    factories.unit(db, id="U-YX", districts=("越秀区",))
    own = factories.business(db)
    other = factories.business(db)
    officers = [factories.officer(db), factories.officer(db)]
    inspection = factories.inspection(db, own, officers, result="non_compliant")
    factories.penalty(db, own, measures=("suspension",), days_ago=2)
    return {
        "own": own, "other": other, "inspection": inspection,
        "owner": factories.signed_in(api, db, role=Role.ENTERPRISE, business_code=own),
        "stranger": factories.signed_in(api, db, role=Role.ENTERPRISE, business_code=other),
        "officer": factories.signed_in(api, db, role=Role.OFFICER, officer_id=officers[0]),
        "outsider": factories.signed_in(api, db, role=Role.OFFICER,
                                        officer_id=factories.officer(db, unit_id="U-YX")),
        "admin": factories.signed_in(api, db, role=Role.ADMIN),
    }


def objection(world, code: str) -> dict:
    return {"business_code": code, "record_kind": "inspection", "record_id": world["inspection"],
            "reason": "检查当日已整改完毕"}


@pytest.mark.parametrize(("who", "status"), [("stranger", 403), ("officer", 403), (None, 401)])
def test_only_the_business_itself_objects(api, world, who, status):
    headers = world[who] if who else {}
    assert api.post("/api/v1/objections", json=objection(world, world["own"]),
                    headers=headers).status_code == status


def test_objection_flow_and_who_may_answer(api, world):
    filed = api.post("/api/v1/objections", json=objection(world, world["own"]),
                     headers=world["owner"])
    assert filed.status_code == 201, filed.text
    body = filed.json()
    assert api.get(f"/api/v1/objections/{body['id']}", headers=world["stranger"]).status_code == 403
    assert api.get("/api/v1/objections", headers=world["stranger"]).json()["data"] == []
    own = api.get("/api/v1/objections", headers=world["owner"]).json()
    assert [o["id"] for o in own["data"]] == [body["id"]] and own["meta"]["totalCount"] == 1
    pending = api.get(f"/api/v1/objections/pending/{world['own']}").json()
    assert pending["data"][0]["record_id"] == world["inspection"]
    assert (pending["meta"]["totalCount"], pending["meta"]["pageSize"]) == (1, 20)
    decision = {"approve": True, "reason": "核实后撤销该项发现"}
    path = f"/api/v1/objections/{body['id']}/decision"
    assert api.post(path, json=decision, headers=world["outsider"]).status_code == 403
    assert api.post(path, json=decision, headers=world["owner"]).status_code == 403
    answered = api.post(path, json=decision, headers=world["officer"])
    assert answered.status_code == 200 and answered.json()["status"] == "upheld"


@pytest.mark.parametrize(("code", "status"), [("nope", 422), ("91350100M000100Y43", 404)])
def test_pending_objections_of_a_bad_or_unknown_code(api, world, code, status):
    assert api.get(f"/api/v1/objections/pending/{code}").status_code == status


@pytest.mark.parametrize(("params", "refused"), [
    ({"limit": 5}, "limit"), ({"pageSize": 101}, "pageSize"), ({"pageNumber": [1, 2]}, "pageNumber")])
def test_pending_objections_refuse_other_paging(api, world, params, refused):
    response = api.get(f"/api/v1/objections/pending/{world['own']}", params=params)
    assert response.status_code == 422 and response.json()["detail"].startswith(f"{refused}: ")


def test_repair_eligibility_is_private_to_the_business_and_its_officers(api, world):
    assert api.post("/api/v1/lists/editions", json={}, headers=world["officer"]).status_code == 403
    assert api.post("/api/v1/lists/editions", json={}, headers=world["admin"]).status_code == 201
    own = api.get(f"/api/v1/repair/eligibility/{world['own']}", headers=world["owner"])
    assert own.status_code == 200 and own.json()["days_left"] == 365
    assert api.get(f"/api/v1/repair/eligibility/{world['own']}",
                   headers=world["stranger"]).status_code == 403
    assert api.get(f"/api/v1/repair/eligibility/{world['own']}",
                   headers=world["outsider"]).status_code == 403
    early = api.post("/api/v1/repair/applications", headers=world["owner"], json={
        "business_code": world["own"], "statement": "已整改",
        "evidence": [{"title": "罚款缴纳凭证"}]})
    assert early.status_code == 422 and "365 days" in early.json()["detail"]


def test_evidence_upload_checks_type_and_owner(api, world, db):
    pdf = {"file": ("receipt.pdf", b"%PDF-1.4 test", "application/pdf")}
    ok = api.post("/api/v1/repair/evidence", data={"business_code": world["own"]}, files=pdf,
                  headers=world["owner"])
    assert ok.status_code == 201 and len(ok.json()["sha256"]) == 64
    exe = {"file": ("x.exe", b"MZ", "application/octet-stream")}
    assert api.post("/api/v1/repair/evidence", data={"business_code": world["own"]}, files=exe,
                    headers=world["owner"]).status_code == 422
    posing = {"file": ("receipt.pdf", b"<html><script>alert(1)</script>", "application/pdf")}
    assert api.post("/api/v1/repair/evidence", data={"business_code": world["own"]}, files=posing,
                    headers=world["owner"]).status_code == 422   # typed by its bytes, not its claim
    assert api.post("/api/v1/repair/evidence", data={"business_code": world["own"]}, files=pdf,
                    headers=world["stranger"]).status_code == 403
    typed = api.post("/api/v1/repair/evidence", data={"business_code": f" {world['own'].lower()} "},
                     files=pdf, headers=world["owner"])   # kept under the code as registered
    assert typed.status_code == 201
    assert db.evidence_files.find_one({"sha256": typed.json()["sha256"]})["business_code"] == world["own"]


def test_criteria_are_public_and_only_admins_change_them(api, world):
    criteria = api.get("/api/v1/lists/criteria").json()
    assert criteria["version"] == 0 and len(criteria["criteria"]) == 5
    update = {"criteria": criteria["criteria"], "note": "no change"}
    assert api.put("/api/v1/lists/criteria", json=update, headers=world["officer"]).status_code == 403
    saved = api.put("/api/v1/lists/criteria", json=update, headers=world["admin"])
    assert saved.status_code == 200 and saved.json()["version"] == 1
