"""Filing an objection to a published record, answering it within its deadline, and what shows meanwhile."""

from datetime import date
from typing import Any

from bson import ObjectId
from pymongo.database import Database

from backend import clock, paging, workdays
from backend.audit import service as audit
from backend.businesses import service as businesses
from backend.config import get_settings
from backend.errors import Conflict, Invalid, NotFound
from backend.i18n import N_
from backend.objections import repository
from backend.objections.schemas import (
    ObjectionCreate,
    ObjectionPublic,
    ObjectionsPublic,
    ObjectionStatus,
    PendingObjection,
    PendingObjections,
    RecordKind,
)
from backend.paging import PageMeta
from backend.profiles import service as profiles
from backend.profiles.schemas import PublicRecord
from backend.repair import evidence
from backend.repair.schemas import Decision, EvidenceDownload
from backend.users import permissions
from backend.users.schemas import Actor


def answer_by(filed_on: date) -> date:
    """The regulator's deadline to answer, in working days (调休 counted) from the filing day."""
    return workdays.add_working_days(filed_on, get_settings().objection_answer_working_days)


def objectable(record: PublicRecord) -> list[tuple[RecordKind, str]]:
    """What a business may object to: its records as published now (the inspections its page
    shows, the penalties still public, its grades, its current black-list entry)."""
    found = [(RecordKind.INSPECTION, row.id) for row in record.inspections]
    found += [(RecordKind.PENALTY, row.decision_number) for row in record.penalties]
    found += [(RecordKind.GRADE, "quantified"), (RecordKind.GRADE, "risk")]
    black = record.standing.black if record.standing else None
    if black:
        found.append((RecordKind.LIST_ENTRY, f"{black.edition}:black"))
    return found


def file(db: Database, *, actor: Actor | None, data: ObjectionCreate,
         today: date | None = None) -> ObjectionPublic:
    """The business objects to one of its own published records (`objectable`), with evidence
    files it uploaded (`repair.service.attach_evidence`); one open objection per record."""
    business = businesses.get(db, code=data.business_code)
    actor = permissions.require_enterprise_of(actor, code=business["code"])
    today = today or clock.today()
    record = profiles.public_record(db, code=business["code"], today=today)
    if (data.record_kind, data.record_id) not in objectable(record):
        raise NotFound("This business has no published record {id} of that kind.", id=data.record_id)
    evidence.check(db, business["code"], data.evidence)
    if not repository.lock(db, business["code"], data.record_kind.value, data.record_id):
        raise Conflict("An objection to this record is already waiting for an answer.")
    objection_id = ObjectId()
    try:
        evidence.claim(db, business["code"], data.evidence, f"objection:{objection_id}")
    except Invalid:
        repository.unlock(db, business["code"], data.record_kind.value, data.record_id)
        raise
    document: dict[str, Any] = data.model_dump(mode="json") | {
        "_id": objection_id, "business_code": business["code"], "district": business["district"],
        "status": ObjectionStatus.PENDING.value, "status_rank": 0, "filed_at": clock.now(),
        "filed_by": actor.username, "answer_by": clock.to_stored(answer_by(today))}
    document["_id"] = repository.insert(db, document)
    profiles.publish_change(db, actor=actor, action="objection.file", code=business["code"],
                            data=document | {"_id": str(document["_id"])})
    return ObjectionPublic.from_stored(document, today=today)


def _load(db: Database, objection_id: str) -> dict[str, Any]:
    row = repository.get(db, objection_id)
    if row is None:
        raise NotFound("No objection has the id {id}.", id=objection_id)
    return row


def get(db: Database, *, actor: Actor | None, objection_id: str) -> ObjectionPublic:
    row = _load(db, objection_id)
    permissions.require_member_or_officer(actor, code=row["business_code"], district=row["district"])
    return ObjectionPublic.from_stored(row, today=clock.today())


def evidence_file(db: Database, *, actor: Actor | None, objection_id: str,
                  file_id: str) -> EvidenceDownload:
    """A file of the objection's evidence, for the business itself and the officers who answer it
    (an administrator too), never the public; who may see the objection is checked first."""
    row = _load(db, objection_id)
    permissions.require_member_or_officer(actor, code=row["business_code"], district=row["district"])
    found = evidence.listed_file(db, row, file_id)
    if found is None:
        raise NotFound("This objection has no evidence file {id}.", id=file_id[:40])
    return found


def list_for(db: Database, *, actor: Actor | None, status: ObjectionStatus | None = None,
             business_code: str | None = None, page_number: int = 1,
             page_size: int = paging.MAX_PAGE_SIZE) -> ObjectionsPublic:
    """Enterprise: its own; officer: its unit's districts; admin: all. Pending first, the most
    urgent first."""
    query = permissions.listing_scope(actor, refusal=N_("Only enforcement officers may do this."),
                                      business_code=business_code)
    if status:
        query["status"] = status.value
    total, today = repository.total(db, query), clock.today()
    rows = repository.page(db, query, skip=paging.skip(page_number, page_size), limit=page_size)
    return ObjectionsPublic(data=[ObjectionPublic.from_stored(row, today=today) for row in rows],
                  meta=PageMeta.of(total, page_number, page_size))


def decide(db: Database, *, actor: Actor | None, objection_id: str,
           data: Decision) -> ObjectionPublic:
    """An officer over the district upholds (`approve`) or rejects the objection, with a reason;
    the record stops showing "objection pending" either way."""
    row = _load(db, objection_id)
    actor = permissions.require_officer_for_district(actor, row["district"])
    if not data.reason.strip():
        raise Invalid("Give the reason for the decision.")
    changes = {"status": (ObjectionStatus.UPHELD if data.approve
                          else ObjectionStatus.REJECTED).value, "status_rank": 1,
               "decided_at": clock.now(), "decided_by": actor.username, "answer": data.reason}
    updated = repository.decide(db, objection_id, changes)
    if updated is None:
        raise Conflict("This objection has already been answered.")
    repository.unlock(db, row["business_code"], row["record_kind"], row["record_id"])
    audit.record(db, actor=actor, action="objection.decide", target=row["business_code"],
                 data=changes | {"objection": objection_id}, before={"status": row["status"]})
    profiles.rebuild(db, code=row["business_code"])
    return ObjectionPublic.from_stored(updated, today=clock.today())


def pending_for_business(db: Database, *, code: str, page_number: int = 1,
                         page_size: int = 20) -> PendingObjections:
    """Public: which of the business's records are under objection, and until when, the answer
    due soonest first (Invalid for a malformed code, NotFound for an unknown one, as every page of
    a business answers)."""
    paging.check(page_number, page_size)
    business = businesses.get(db, code=code)
    total, rows = repository.pending_page(db, business["code"], skip=paging.skip(page_number, page_size),
                                          limit=page_size)
    return PendingObjections(data=[PendingObjection(record_kind=row["record_kind"],
                                                    record_id=row["record_id"],
                                                    answer_by=row["answer_by"].date()) for row in rows],
                             meta=PageMeta.of(total, page_number, page_size))
