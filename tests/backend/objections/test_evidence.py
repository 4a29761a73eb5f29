"""Through the API: an objection's evidence files are the business's own uploads, opened by the
business and the officers who answer (never the public); and only records published now can be
objected to, as the workspace offers them."""

import pytest

from backend.users.schemas import Role
from tests import factories

PDF = b"%PDF-1.4 receipt"


@pytest.fixture(scope="module")
def world(api, db):
    factories.unit(db, id="U-TH", districts=("天河区",))
    factories.unit(db, id="U-YX", districts=("越秀区",))
    own, other = factories.business(db), factories.business(db)
    officers = [factories.officer(db), factories.officer(db)]
    older = factories.inspection(db, own, officers, result="non_compliant", days_ago=40)
    latest = factories.inspection(db, own, officers, result="non_compliant", days_ago=5)
    return {
        "own": own, "other": other, "older": older, "latest": latest,
        "owner": factories.signed_in(api, db, role=Role.ENTERPRISE, business_code=own),
        "stranger": factories.signed_in(api, db, role=Role.ENTERPRISE, business_code=other),
        "officer": factories.signed_in(api, db, role=Role.OFFICER, officer_id=officers[0]),
        "outsider": factories.signed_in(api, db, role=Role.OFFICER,
                                        officer_id=factories.officer(db, unit_id="U-YX")),
        "admin": factories.signed_in(api, db, role=Role.ADMIN),
    }


def _upload(api, world, who: str, code: str, content: bytes = PDF) -> str:
    sent = api.post("/api/v1/repair/evidence", data={"business_code": code},
                    files={"file": ("收据.pdf", content, "application/pdf")}, headers=world[who])
    assert sent.status_code == 201, sent.text
    return sent.json()["id"]


def _object(api, world, evidence: list[dict], record: tuple[str, str] = ("grade", "risk")):
    return api.post("/api/v1/objections", headers=world["owner"], json={
        "business_code": world["own"], "record_kind": record[0], "record_id": record[1],
        "reason": "评级所依据的检查已整改", "evidence": evidence})


def test_evidence_names_only_the_business_s_own_files(api, world, db):
    theirs = _upload(api, world, "stranger", world["other"])
    for file_id in ("nope-not-a-file", theirs, "6b17485ef30f636bad00c1a0"):
        refused = _object(api, world, [{"kind": "fulfilment", "title": "x", "file_id": file_id}])
        assert refused.status_code == 422, refused.text
        assert refused.json()["detail"] == f"Unknown evidence file {file_id}."
    assert db.objections.count_documents({}) == 0
    mine = _upload(api, world, "owner", world["own"])
    filed = _object(api, world, [{"title": "整改照片", "file_id": mine}])  # the record was not locked
    assert filed.status_code == 201, filed.text
    assert [item["file_id"] for item in filed.json()["evidence"]] == [mine]


def test_the_business_and_its_officers_open_the_evidence_and_nobody_else(api, world):
    mine = _upload(api, world, "owner", world["own"], content=b"%PDF-1.4 photo of the fridge")
    unlisted = _upload(api, world, "owner", world["own"], content=b"%PDF-1.4 never filed")
    filed = _object(api, world, [{"title": "冷藏设施维修单", "file_id": mine}], ("grade", "quantified"))
    path = f"/api/v1/objections/{filed.json()['id']}/evidence"
    for who in ("owner", "officer", "admin"):
        got = api.get(f"{path}/{mine}", headers=world[who])
        assert got.status_code == 200 and got.content == b"%PDF-1.4 photo of the fridge"
        assert got.headers["content-disposition"].startswith("attachment;")
    for who, status in (("stranger", 403), ("outsider", 403), (None, 401)):
        assert api.get(f"{path}/{mine}", headers=world[who] if who else {}).status_code == status
    assert api.get(f"{path}/{unlisted}", headers=world["officer"]).status_code == 404
    public = api.get(f"/api/v1/objections/pending/{world['own']}").json()["data"]
    assert public and all(set(row) == {"record_kind", "record_id", "answer_by"} for row in public)


def test_only_an_inspection_published_now_can_be_objected_to(api, world, db):
    before = db.objections.count_documents({})
    replaced = _object(api, world, [], ("inspection", world["older"]))
    assert replaced.status_code == 404
    assert "no published record" in replaced.json()["detail"]
    assert _object(api, world, [], ("inspection", world["latest"])).status_code == 201
    assert db.objections.count_documents({}) == before + 1
