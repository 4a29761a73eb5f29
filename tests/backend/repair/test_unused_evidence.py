"""Evidence files nothing uses: a business keeps only so many waiting, and the worker removes
those no application or objection took within their time; the used ones stay."""

from datetime import timedelta

import pytest

from backend import clock, worker
from backend.objections import service as objections
from backend.objections.schemas import ObjectionCreate
from backend.repair import evidence
from backend.repair import service as repair
from backend.repair.schemas import Evidence
from backend.users.schemas import Actor, Role
from tests import factories

PDF = b"%PDF-1.4 page "


def _owner(code: str) -> Actor:
    return Actor(username="owner", role=Role.ENTERPRISE, business_code=code)


def _attach(db, code: str, n: int) -> str:
    return repair.attach_evidence(db, actor=_owner(code), business_code=code, file_name=f"p{n}.pdf",
                                  content_type="application/pdf", content=PDF + str(n).encode()).id


@pytest.fixture(scope="module")
def shop(db):
    factories.unit(db)
    return factories.business(db)


def test_uploads_past_the_limit_are_refused_until_some_are_used(api, db, shop):
    headers = factories.signed_in(api, db, role=Role.ENTERPRISE, business_code=shop)
    sent = [api.post("/api/v1/repair/evidence", data={"business_code": shop}, headers=headers,
                     files={"file": (f"p{n}.pdf", PDF + str(n).encode(), "application/pdf")})
            for n in range(evidence.UNCLAIMED_LIMIT + 2)]
    assert [r.status_code for r in sent] == [201] * evidence.UNCLAIMED_LIMIT + [429, 429]
    refused = sent[-1]
    assert int(refused.headers["retry-after"]) > 6 * 86400
    expected = clock.day_of(clock.now() + evidence.UNCLAIMED_KEEP).isoformat()
    assert refused.json()["detail"] == (
        f"The file \"p{evidence.UNCLAIMED_LIMIT + 1}.pdf\" is refused: your business already has "
        f"{evidence.UNCLAIMED_LIMIT} uploaded files that no application or objection uses. Use them "
        f"in one, or wait: an unused file is removed 7 days after its upload (the next one on {expected}).")
    assert db.evidence_files.count_documents({"business_code": shop}) == evidence.UNCLAIMED_LIMIT
    used = [response.json()["id"] for response in sent[:2]]
    objections.file(db, actor=_owner(shop), data=ObjectionCreate(
        business_code=shop, record_kind="grade", record_id="risk", reason="风险等级有误",
        evidence=[Evidence(title=f"f{n}", file_id=file_id) for n, file_id in enumerate(used)]))
    again = [api.post("/api/v1/repair/evidence", data={"business_code": shop}, headers=headers,
                      files={"file": (f"q{n}.pdf", PDF + b"q" + str(n).encode(), "application/pdf")})
             for n in range(3)]
    assert [r.status_code for r in again] == [201, 201, 429]  # room for the two the objection took


def _uploaded_days_ago(db, code: str, days: int) -> str:
    """A file stored `days` ago (the embedded server keeps evidence files as inserted)."""
    return str(db.evidence_files.insert_one({
        "business_code": code, "file_name": f"old{days}.pdf", "content_type": "application/pdf",
        "size": 3, "sha256": "-", "content": b"%PDF", "uploaded_at": clock.now() - timedelta(days=days)},
    ).inserted_id)


def test_the_worker_removes_unused_files_in_time_and_keeps_the_used(db):
    code = factories.business(db)
    fresh = _attach(db, code, 1)
    stale, filed, legacy = (_uploaded_days_ago(db, code, 8) for _ in range(3))
    objections.file(db, actor=_owner(code), data=ObjectionCreate(
        business_code=code, record_kind="grade", record_id="quantified", reason="评分有误",
        evidence=[Evidence(title="x", file_id=filed), Evidence(title="y", file_id=legacy)]))
    db.evidence_claims.delete_one({"_id": legacy})  # filed before claims were recorded
    job = next(job for job in worker.jobs() if job.name == "evidence_files.purge")
    assert job.shared  # once a period, whichever worker leases it
    assert worker.run_job(db, job)
    left = {str(row["_id"]) for row in db.evidence_files.find({"business_code": code}, {"_id": 1})}
    assert left == {fresh, filed, legacy}  # the objection's two (one filed before claims) stay
    entry = db.audit.find_one({"action": "evidence.purge", "target": code})
    assert [row["id"] for row in entry["data"]["files"]] == [stale] and entry["actor"] == "system"
    evidence.purge(db, now=clock.now() + timedelta(days=8))  # the fresh one's time is up too
    assert {str(row["_id"]) for row in db.evidence_files.find({"business_code": code})} == {filed, legacy}
