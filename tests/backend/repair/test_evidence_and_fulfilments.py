"""Through the API: the evidence files of an application, opened only by the business and the
officers who decide; the penalties an officer records as fulfilled, and those still waiting."""

import pytest

from backend.config import get_settings
from backend.lists import service as lists
from backend.lists.schemas import EditionPublish
from backend.repair.schemas import EvidenceDownload
from backend.users.schemas import Role
from tests import factories

PDF = b"%PDF-1.4 receipt"


@pytest.fixture(scope="module")
def world(api, db):
    factories.unit(db, id="U-TH", districts=("天河区",))
    factories.unit(db, id="U-YX", districts=("越秀区",))
    own = factories.business(db, name="证据小店")
    other = factories.business(db, name="邻居小店")
    numbers = [factories.penalty(db, own, measures=("suspension",), days_ago=3),
               factories.penalty(db, own, days_ago=2)]
    lists.publish(db, actor=factories.ADMIN, data=EditionPublish())
    return {
        "own": own, "other": other, "numbers": numbers,
        "owner": factories.signed_in(api, db, role=Role.ENTERPRISE, business_code=own),
        "stranger": factories.signed_in(api, db, role=Role.ENTERPRISE, business_code=other),
        "officer": factories.signed_in(api, db, role=Role.OFFICER, officer_id=factories.officer(db)),
        "outsider": factories.signed_in(api, db, role=Role.OFFICER,
                                        officer_id=factories.officer(db, unit_id="U-YX")),
        "admin": factories.signed_in(api, db, role=Role.ADMIN),
    }


def _upload(api, world, name: str = "缴款收据.pdf", content: bytes = PDF) -> str:
    sent = api.post("/api/v1/repair/evidence", data={"business_code": world["own"]},
                    files={"file": (name, content, "application/pdf")}, headers=world["owner"])
    assert sent.status_code == 201, sent.text
    return sent.json()["id"]


def test_officers_see_what_waits_for_fulfilment_and_record_it(api, world):
    due = api.get("/api/v1/repair/fulfilments/due", headers=world["officer"]).json()
    row = next(row for row in due["data"] if row["business_code"] == world["own"])
    assert row["business_name"] == "证据小店" and set(row["unfulfilled_penalties"]) == set(world["numbers"])
    far = api.get("/api/v1/repair/fulfilments/due", headers=world["outsider"]).json()
    assert all(row["business_code"] != world["own"] for row in far["data"])   # another unit's
    assert api.get("/api/v1/repair/fulfilments/due", headers=world["owner"]).status_code == 403
    path = f"/api/v1/repair/fulfilments/business/{world['own']}"
    assert api.get(path, headers=world["outsider"]).status_code == 403
    assert api.get(path, headers=world["owner"]).status_code == 403
    decided = api.get(path, headers=world["officer"]).json()
    assert decided["meta"]["totalCount"] == 2 and not any(row["fulfilled_on"] for row in decided["data"])

    long = {"fulfilled_on": str(factories.days_from_today(0)), "note": "x" * 1001}
    number = world["numbers"][0]
    assert api.post(f"/api/v1/repair/fulfilments/{number}", json=long,
                    headers=world["officer"]).status_code == 422
    for number in world["numbers"]:
        recorded = api.post(f"/api/v1/repair/fulfilments/{number}", headers=world["officer"],
                            json={"fulfilled_on": str(factories.days_from_today(0)), "note": "已缴清"})
        assert recorded.status_code == 204
    decided = api.get(path, headers=world["officer"]).json()["data"]
    assert all(row["fulfilled_on"] and row["note"] == "已缴清" for row in decided)
    due = api.get("/api/v1/repair/fulfilments/due", headers=world["officer"]).json()["data"]
    assert all(row["business_code"] != world["own"] for row in due)   # nothing waits any more


@pytest.fixture(scope="module")
def no_wait():
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(get_settings(), "repair_wait_days", 0)
        yield


@pytest.fixture(scope="module")
def application(api, world, no_wait):
    for number in world["numbers"]:
        api.post(f"/api/v1/repair/fulfilments/{number}", headers=world["officer"],
                 json={"fulfilled_on": str(factories.days_from_today(0))})
    receipt, unused = _upload(api, world), _upload(api, world, name="other.pdf", content=b"%PDF-1.4 other")
    report, letter = (_upload(api, world, name=f"{kind}.pdf", content=b"%PDF-1.4 " + kind.encode())
                      for kind in ("report", "letter"))
    evidence = [{"kind": "fulfilment", "title": "罚款缴纳凭证", "file_id": receipt},
                {"kind": "rectification", "title": "整改报告", "file_id": report},
                {"kind": "commitment", "title": "信用承诺书"}]
    unfiled = api.post("/api/v1/repair/applications", headers=world["owner"], json={
        "business_code": world["own"], "statement": "已整改", "evidence": evidence})
    assert unfiled.status_code == 422
    assert unfiled.json()["detail"].endswith("Missing: Credit commitment letter (信用承诺书) (commitment).")
    said = api.post("/api/v1/repair/applications", json={
        "business_code": world["own"], "statement": "已整改", "evidence": evidence},
        headers=world["owner"] | {"Accept-Language": "zh-CN"}).json()["detail"]
    assert "信用承诺书" in said and "Credit" not in said      # the kind in the reader's words
    twice = [evidence[0], evidence[1], {**evidence[2], "file_id": receipt}]   # one file for two kinds
    reused = api.post("/api/v1/repair/applications", headers=world["owner"], json={
        "business_code": world["own"], "statement": "已整改", "evidence": twice})
    assert reused.status_code == 422 and "its own file" in reused.json()["detail"]
    evidence[2]["file_id"] = letter
    filed = api.post("/api/v1/repair/applications", headers=world["owner"], json={
        "business_code": world["own"], "statement": "已整改", "evidence": evidence})
    assert filed.status_code == 201, filed.text
    assert [row["kind"] for row in filed.json()["evidence"]] == ["fulfilment", "rectification", "commitment"]
    return {"id": filed.json()["id"], "receipt": receipt, "unused": unused}


@pytest.mark.parametrize("who", ["owner", "officer", "admin"])
def test_the_business_and_its_officers_download_the_evidence(api, world, application, who):
    path = f"/api/v1/repair/applications/{application['id']}/evidence/{application['receipt']}"
    got = api.get(path, headers=world[who])
    assert got.status_code == 200 and got.content == PDF
    assert got.headers["content-type"] == "application/pdf"
    assert got.headers["x-content-type-options"] == "nosniff"
    assert got.headers["cache-control"].startswith("private")
    disposition = got.headers["content-disposition"]
    assert disposition.startswith("attachment;") and "filename*=UTF-8''%E7%BC%B4" in disposition


@pytest.mark.parametrize(("who", "status"), [("stranger", 403), ("outsider", 403), (None, 401)])
def test_nobody_else_learns_whether_a_file_exists(api, world, application, who, status):
    headers = world[who] if who else {}
    for file_id in (application["receipt"], "0" * 24, "nonsense"):
        path = f"/api/v1/repair/applications/{application['id']}/evidence/{file_id}"
        assert api.get(path, headers=headers).status_code == status


def test_a_file_the_application_does_not_list_is_not_found(api, world, application):
    base = f"/api/v1/repair/applications/{application['id']}/evidence"
    for file_id in (application["unused"], "0" * 24, "nonsense"):   # the business's own, unlisted
        assert api.get(f"{base}/{file_id}", headers=world["officer"]).status_code == 404
    assert api.get(f"/api/v1/repair/applications/{'0' * 24}/evidence/{application['receipt']}",
                   headers=world["officer"]).status_code == 404


def test_the_queue_names_the_business(api, world, application):
    listed = api.get("/api/v1/repair/applications", headers=world["officer"]).json()["data"]
    assert [row["business_name"] for row in listed if row["id"] == application["id"]] == ["证据小店"]


@pytest.mark.parametrize(("name", "plain"), [
    ("receipt.pdf", 'filename="receipt.pdf"'), ("缴款收据.pdf", 'filename="____.pdf"'),
    ('a"b\r\nX-Evil: 1.pdf', 'filename="a_b__X-Evil__1.pdf"')])
def test_a_download_name_cannot_break_its_header(name, plain):
    headers = EvidenceDownload(b"x", "application/pdf", name).headers
    assert plain in headers["Content-Disposition"] and "\n" not in headers["Content-Disposition"]
