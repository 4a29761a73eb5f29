"""Credit repair: who may apply and from when, the application with evidence, the officer's decision."""

import hashlib
from datetime import date, timedelta
from typing import Any

from bson import ObjectId
from pymongo.database import Database

from backend import clock, paging, uploads, workdays
from backend.audit import service as audit
from backend.businesses import repository as business_rows
from backend.businesses import service as businesses
from backend.config import get_settings
from backend.errors import Conflict, Invalid, Named, NotFound
from backend.i18n import N_
from backend.lists import service as lists
from backend.lists import standing
from backend.paging import PageMeta
from backend.penalties import repository as penalties
from backend.profiles import service as profiles
from backend.repair import evidence, repository
from backend.repair.schemas import (
    EVIDENCE_LABELS,
    REQUIRED_EVIDENCE,
    ApplicationStatus,
    Decision,
    Eligibility,
    Evidence,
    EvidenceDownload,
    EvidenceFilePublic,
    FulfilmentCreate,
    RepairCreate,
    RepairPublic,
    RepairsPublic,
)
from backend.users import permissions
from backend.users.schemas import Actor

ALLOWED_EVIDENCE_TYPES = ("application/pdf", "image/jpeg", "image/png")


def eligible_from(listed_since: date, *, wait_days: int | None = None) -> date:
    """The first day a listed business may apply (default: one year after it was listed)."""
    days = get_settings().repair_wait_days if wait_days is None else wait_days
    return listed_since + timedelta(days=days)


def unfulfilled_penalties(db: Database, code: str) -> list[str]:
    done = repository.fulfilled_numbers(db, code)
    return [row["decision_number"] for row in penalties.for_business(db, code)
            if row["decision_number"] not in done]


def eligibility(db: Database, *, actor: Actor | None, business_code: str,
                today: date | None = None) -> Eligibility:
    """The countdown the workspace shows; the business itself, its officers or an administrator."""
    business = businesses.get(db, code=business_code)
    permissions.require_member_or_officer(actor, code=business["code"], district=business["district"])
    return _eligibility(db, business["code"], today or clock.today())


def next_edition_on(db: Database, today: date) -> date:
    """When the next monthly edition is expected: the cut-off due now when it is not published
    yet (the daily job publishes it), else next month's (`lists.due_cut_off`)."""
    latest = lists.edition(db)
    if lists.due_cut_off(today) > latest.cut_off:
        return today
    in_next_month = (today.replace(day=1) + timedelta(days=32)).replace(day=28)
    return lists.due_cut_off(in_next_month)


def _eligibility(db: Database, code: str, today: date) -> Eligibility:
    entry = standing.black_entry(db, code=code)
    if entry is None:
        return Eligibility(business_code=code, listed=False)
    since = entry["listed_since"].date()
    start = eligible_from(since)
    repaired = standing.repaired_on(db, entry) is not None
    unfulfilled = [] if repaired else unfulfilled_penalties(db, code)
    pending = repository.open_for(db, code)
    return Eligibility(
        business_code=code, listed=True, edition=entry["edition"], criterion=entry["criterion_id"],
        listed_since=since, eligible_from=start, days_left=0 if repaired else max(0, (start - today).days),
        unfulfilled_penalties=unfulfilled, open_application=str(pending["_id"]) if pending else None,
        repaired=repaired, next_edition_on=next_edition_on(db, today) if repaired else None,
        eligible=not repaired and start <= today and not unfulfilled and pending is None)


def attach_evidence(db: Database, *, actor: Actor | None, business_code: str, file_name: str,
                    content_type: str, content: bytes) -> EvidenceFilePublic:
    """Stores an uploaded file (PDF, JPEG, PNG) for a later application or objection; returns its
    id. Unused, it is removed after a while (`evidence.purge`), and only so many may wait."""
    business = businesses.get(db, code=business_code)   # its code as stored, whatever was typed
    permissions.require_enterprise_of(actor, code=business["code"])
    file_name = file_name[:120]
    evidence.require_room(db, business["code"], file_name)
    if not content or len(content) > get_settings().evidence_max_bytes:  # named: the form sends several
        raise Invalid("The file \"{name}\" is refused: an evidence file must be between 1 byte and {mb} MB.",
                      name=file_name, mb=get_settings().evidence_max_bytes // (1024 * 1024))
    try:  # by its bytes, never by the type the browser claims
        content_type = uploads.content_type(content, allow_pdf=True)
    except Invalid:
        content_type = ""
    if content_type not in ALLOWED_EVIDENCE_TYPES:
        raise Invalid("The file \"{name}\" is refused: evidence must be a PDF, JPEG or PNG file.",
                      name=file_name)
    content = uploads.cleaned(content, content_type)  # a photo: decoded, kept without its metadata
    digest = hashlib.sha256(content).hexdigest()
    document = {"business_code": business["code"], "file_name": file_name,
                "content_type": content_type, "size": len(content), "sha256": digest,
                "content": content, "uploaded_at": clock.now()}
    file_id = repository.insert_file(db, document)
    audit.record(db, actor=actor, action="evidence.upload", target=business["code"],
                 data={k: v for k, v in document.items() if k != "content"} | {"id": file_id})
    return EvidenceFilePublic(id=file_id, file_name=document["file_name"],
                              content_type=content_type, size=len(content), sha256=digest)


def evidence_names(db: Database, *, actor: Actor | None, business_code: str,
                   file_ids: list[str]) -> dict[str, str]:
    """The business's own uploaded files among `file_ids`, by id, with their names: a refused form
    offers again those it stored, so that they need not be chosen again."""
    permissions.require_enterprise_of(actor, code=business_code)
    return evidence.names(db, business_code, file_ids)


def apply(db: Database, *, actor: Actor | None, data: RepairCreate,
          today: date | None = None) -> RepairPublic:
    """The business applies once eligible; the decision is due within the working days configured."""
    business = businesses.get(db, code=data.business_code)
    actor = permissions.require_enterprise_of(actor, code=business["code"])
    today = today or clock.today()
    status = _eligibility(db, business["code"], today)
    if not status.listed:
        raise Invalid("This business is not on the black list; there is nothing to repair.")
    if status.repaired:
        raise Conflict("Credit repair of this business is already approved: it leaves the black "
                       "list with the next edition, expected on or after {date}.",
                       date=str(status.next_edition_on))
    if status.open_application:
        raise Conflict("An application for this business is already waiting for a decision.")
    if status.days_left:
        raise Invalid("Credit repair may be requested from {date} ({days} days from now).",
                      date=str(status.eligible_from), days=status.days_left)
    if status.unfulfilled_penalties:
        raise Invalid("These penalties must be fulfilled first: {numbers}.",
                      numbers="、".join(status.unfulfilled_penalties))
    evidence.check(db, business["code"], data.evidence)
    _require_documents(data.evidence)
    application_id = ObjectId()
    evidence.claim(db, business["code"], data.evidence, f"repair:{application_id}")
    document: dict[str, Any] = data.model_dump(mode="json") | {
        "_id": application_id, "business_code": business["code"], "district": business["district"],
        "edition": status.edition, "criterion_id": status.criterion,
        "status": ApplicationStatus.PENDING.value, "status_rank": 0, "filed_at": clock.now(),
        "filed_by": actor.username, "decide_by": clock.to_stored(workdays.add_working_days(
            today, get_settings().repair_decision_working_days))}
    document["_id"] = repository.insert(db, document)
    audit.record(db, actor=actor, action="repair.apply", target=business["code"],
                 data=document | {"_id": str(document["_id"])})
    return RepairPublic.from_stored(document, today=today, business_name=business["name"])


def _require_documents(evidence: list[Evidence]) -> None:
    """Every application carries a file of each required kind (REQUIRED_EVIDENCE): the proof of
    fulfilment, the rectification report and the commitment letter the decision rests on."""
    files = [item.file_id for item in evidence if item.file_id]
    if len(set(files)) < len(files):
        raise Invalid("Each piece of evidence needs its own file: one file was given for two.")
    filed = {item.kind for item in evidence if item.file_id}
    missing = [kind for kind in REQUIRED_EVIDENCE if kind not in filed]
    if missing:   # named in the reader's words, the kind (as the API takes it) after each
        raise Invalid("An application needs a file of each kind of evidence. Missing: {missing}.",
                      missing=Named([(EVIDENCE_LABELS[kind], kind.value) for kind in missing]))


def _public(db: Database, rows: list[dict[str, Any]]) -> list[RepairPublic]:
    """Applications as answered, each with its business's name as registered now."""
    names = business_rows.fields_of(db, sorted({row["business_code"] for row in rows}), ("name",))
    today = clock.today()
    return [RepairPublic.from_stored(row, today=today,
                                     business_name=names.get(row["business_code"], {}).get("name", ""))
            for row in rows]


def _load(db: Database, application_id: str) -> dict[str, Any]:
    row = repository.get(db, application_id)
    if row is None:
        raise NotFound("No credit-repair application has the id {id}.", id=application_id)
    return row


def get(db: Database, *, actor: Actor | None, application_id: str) -> RepairPublic:
    row = _load(db, application_id)
    permissions.require_member_or_officer(actor, code=row["business_code"], district=row["district"])
    return _public(db, [row])[0]


def evidence_file(db: Database, *, actor: Actor | None, application_id: str,
                  file_id: str) -> EvidenceDownload:
    """A file of the application's evidence, for the business itself and the officers who decide
    (an administrator too). Who may see the application is checked first, so nobody else learns
    whether a file exists; a file the application does not list is unknown here."""
    row = _load(db, application_id)
    permissions.require_member_or_officer(actor, code=row["business_code"], district=row["district"])
    found = evidence.listed_file(db, row, file_id)
    if found is None:
        raise NotFound("This application has no evidence file {id}.", id=file_id[:40])
    return found


def list_for(db: Database, *, actor: Actor | None, status: ApplicationStatus | None = None,
             business_code: str | None = None, page_number: int = 1,
             page_size: int = paging.MAX_PAGE_SIZE) -> RepairsPublic:
    """Enterprise: its own; officer: its unit's districts; admin: all. Pending first, the most
    urgent first."""
    query = permissions.listing_scope(actor, refusal=N_("Only enforcement officers may do this."),
                                      business_code=business_code)
    if status:
        query["status"] = status.value
    total = repository.total(db, query)
    rows = repository.page(db, query, skip=paging.skip(page_number, page_size), limit=page_size)
    return RepairsPublic(data=_public(db, rows), meta=PageMeta.of(total, page_number, page_size))


def decide(db: Database, *, actor: Actor | None, application_id: str,
           data: Decision) -> RepairPublic:
    """An officer over the business's district approves or rejects, with a reason. Approval takes
    the business off the black list from the next edition (the past ones stay as published)."""
    row = _load(db, application_id)
    actor = permissions.require_officer_for_district(actor, row["district"])
    changes = {"status": (ApplicationStatus.APPROVED if data.approve
                          else ApplicationStatus.REJECTED).value, "status_rank": 1,
               "decided_at": clock.now(), "decided_by": actor.username, "reason": data.reason}
    updated = repository.decide(db, application_id, changes)
    if updated is None:
        raise Conflict("This application has already been decided.")
    audit.record(db, actor=actor, action="repair.decide", target=row["business_code"],
                 data=changes | {"application": application_id},
                 before={"status": row["status"]})
    profiles.rebuild(db, code=row["business_code"])
    return _public(db, [updated])[0]


def record_fulfilment(db: Database, *, actor: Actor | None, decision_number: str,
                      fulfilled_on: date, note: str = "") -> str:
    """An officer confirms a penalty was fulfilled (fine paid, suspension served); recording it
    again corrects the date or note (the audit log keeps the earlier one). Answers the business's
    credit code."""
    penalty = penalties.by_number(db, decision_number)
    if penalty is None:
        raise NotFound("No penalty decision {number} is recorded.", number=decision_number)
    business = businesses.get(db, code=penalty["business_code"])
    actor = permissions.require_officer_for_district(actor, business["district"])
    note = FulfilmentCreate(fulfilled_on=fulfilled_on, note=note).note  # the schema's limits, however called
    if fulfilled_on > clock.today():
        raise Invalid("A fulfilment cannot be dated in the future.")
    decided_on = clock.from_stored(penalty.get("decided_on"))
    if decided_on is not None and fulfilled_on < decided_on:
        raise Invalid("A penalty cannot be fulfilled before it was decided on {date}.",
                      date=decided_on.isoformat())
    document = {"_id": decision_number, "business_code": business["code"],
                "fulfilled_on": clock.to_stored(fulfilled_on), "note": note,
                "recorded_by": actor.username, "recorded_at": clock.now()}
    repository.fulfil(db, document)
    audit.record(db, actor=actor, action="penalty.fulfil", target=business["code"],  # _id is left out
                 data=document | {"decision_number": decision_number})
    return str(business["code"])
