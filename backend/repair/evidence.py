"""Evidence files (证明材料) that credit-repair applications and objections carry: uploaded first,
then claimed by what files them. A business keeps only so many that nothing claimed yet, and
those nothing claimed are removed after a while (the worker's `evidence_files.purge`)."""

from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

from pymongo.database import Database

from backend import clock
from backend.audit import service as audit
from backend.errors import Invalid, TooManyRequests
from backend.objections import repository as objections
from backend.repair import repository
from backend.repair.schemas import Evidence, EvidenceDownload
from backend.users.schemas import Actor, Role

UNCLAIMED_LIMIT = 20  # a business's files that no application or objection carries yet
UNCLAIMED_KEEP = timedelta(days=7)  # how long such a file waits for one
PURGE_EVERY_S = 3600.0
CLEANER = Actor(username="system", role=Role.ADMIN)  # who the audit trail says removed them


def require_room(db: Database, code: str, file_name: str, now: datetime | None = None) -> None:
    """Refuses an upload (429, saying until when) while the business has UNCLAIMED_LIMIT files
    that nothing uses: uploads cost storage, and only an application or objection uses them."""
    waiting = repository.unclaimed_of(db, code)
    if len(waiting) >= UNCLAIMED_LIMIT:
        settle(db, code)  # files filed before claims were recorded are claimed first
        waiting = repository.unclaimed_of(db, code)
    if len(waiting) < UNCLAIMED_LIMIT:
        return
    frees = waiting[0]["uploaded_at"] + UNCLAIMED_KEEP
    wait_s = (frees - (now or clock.now())).total_seconds() + PURGE_EVERY_S
    raise TooManyRequests(
        "The file \"{name}\" is refused: your business already has {count} uploaded files that no "
        "application or objection uses. Use them in one, or wait: an unused file is removed {days} "
        "days after its upload (the next one on {date}).", retry_after_s=max(60, int(wait_s)),
        name=file_name, count=UNCLAIMED_LIMIT, days=UNCLAIMED_KEEP.days, date=clock.day_of(frees).isoformat())


def check(db: Database, code: str, items: Iterable[Evidence]) -> None:
    """Every file the evidence names exists and is the business's own (uploaded through
    `repair.service.attach_evidence`)."""
    for item in items:
        stored = repository.get_file(db, item.file_id) if item.file_id else None
        if item.file_id and (stored is None or stored["business_code"] != code):
            raise Invalid("Unknown evidence file {id}.", id=item.file_id[:40])


def claim(db: Database, code: str, items: Iterable[Evidence], by: str) -> None:
    """Records the files as carried by `by` ("repair:<id>", "objection:<id>"), so they are kept and
    no longer count against the limit; Invalid if one was removed since `check` (too old unused)."""
    items = list(items)
    repository.claim_files(db, code, sorted({item.file_id for item in items if item.file_id}), by)
    check(db, code, items)


def names(db: Database, code: str, file_ids: list[str]) -> dict[str, str]:
    """The business's own files among `file_ids` (a refused form keeps those it stored), by id."""
    return repository.file_names(db, code, file_ids)


def listed_file(db: Database, row: dict[str, Any], file_id: str) -> EvidenceDownload | None:
    """A file that the stored application or objection `row` lists, as an attachment; None for one
    it does not list, whoever asks (who may see `row` is checked before)."""
    listed = {item.get("file_id") for item in row.get("evidence", []) if item.get("file_id")}
    stored = repository.get_file(db, file_id) if file_id in listed else None
    if stored is None or stored["business_code"] != row["business_code"]:
        return None
    return EvidenceDownload(content=bytes(stored["content"]), content_type=stored["content_type"],
                            file_name=stored["file_name"])


def settle(db: Database, code: str) -> None:
    """Claims the business's unclaimed files that an application or objection carries anyway
    (filed before claims were recorded)."""
    carried = repository.evidence_ids(db, code) | objections.evidence_ids(db, code)
    used = [str(row["_id"]) for row in repository.unclaimed_of(db, code) if str(row["_id"]) in carried]
    if used:
        repository.claim_files(db, code, used, "filed")


def purge(db: Database, now: datetime | None = None) -> int:
    """Removes the files nothing claimed within UNCLAIMED_KEEP of their upload (audited per
    business); how many."""
    cutoff = (now or clock.now()) - UNCLAIMED_KEEP
    by_business: dict[str, list[dict[str, Any]]] = {}
    for rows in repository.unclaimed_before(db, cutoff):
        for row in rows:
            by_business.setdefault(row["business_code"], []).append(row)
    removed = 0
    for code, found in sorted(by_business.items()):
        settle(db, code)  # and what was claimed since the list was read stays
        unclaimed = {str(row["_id"]) for row in repository.unclaimed_of(db, code)}
        rows = [row for row in found if str(row["_id"]) in unclaimed]
        gone = repository.delete_files(db, [str(row["_id"]) for row in rows])
        if gone:
            audit.record(db, actor=CLEANER, action="evidence.purge", target=code, data={
                "files": [{"id": str(row["_id"]), "file_name": row["file_name"]} for row in rows],
                "unused_since_before": cutoff})
        removed += gone
    return removed
