"""List criteria (versioned) and editions: computed at a cut-off, numbered, hashed, never changed."""

import hashlib
import json
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from pymongo.database import Database
from pymongo.errors import BulkWriteError, DuplicateKeyError

from backend import clock, leases, paging, record_dates
from backend.audit import service as audit
from backend.businesses import repository as business_rows
from backend.config import get_settings
from backend.errors import Conflict, Invalid, NotFound
from backend.i18n import N_
from backend.lists import facts as facts_source
from backend.lists import repository, rules
from backend.lists.schemas import (
    DEFAULT_CRITERIA,
    CriteriaPublic,
    CriteriaUpdate,
    CriteriaVersionsPublic,
    Criterion,
    EditionPublic,
    EditionPublish,
    EditionsPublic,
    EntriesPublic,
    Entry,
    ListKind,
    Rule,
)
from backend.paging import PageMeta
from backend.profiles import service as profiles
from backend.users import permissions
from backend.users.schemas import Actor

PUBLISH_LEASE = "lists.publish"


def current_criteria(db: Database) -> CriteriaPublic:
    """The published criteria; version 0 is the shipped default until an administrator saves."""
    stored = repository.latest_criteria(db)
    if stored is None:
        return CriteriaPublic(version=0, criteria=DEFAULT_CRITERIA, note="default")
    return _criteria(stored)


def _criteria(row: dict[str, Any]) -> CriteriaPublic:
    return CriteriaPublic(version=row["_id"], criteria=row["criteria"], note=row["note"],
                          published_at=row["published_at"], published_by=row["published_by"])


def criteria_history(db: Database, *, page_number: int = 1, page_size: int = 20) -> CriteriaVersionsPublic:
    """The versions administrators saved, newest first (the shipped default, version 0, is not
    one of them)."""
    paging.check(page_number, page_size)
    total, rows = repository.criteria_history(db, skip=paging.skip(page_number, page_size),
                                              limit=page_size)
    return CriteriaVersionsPublic(data=[_criteria(row) for row in rows],
                           meta=PageMeta.of(total, page_number, page_size))


def criteria_of_version(db: Database, version: int) -> list[Criterion]:
    """The criteria an edition names by version; version 0 is the shipped default, and an
    unknown version has none."""
    if version == 0:
        return list(DEFAULT_CRITERIA)
    row = repository.criteria_version(db, version)
    return [] if row is None else _criteria(row).criteria


def update_criteria(db: Database, *, actor: Actor | None, data: CriteriaUpdate) -> CriteriaPublic:
    """A new version; older versions stay, and each edition names the version it used."""
    actor = permissions.require_admin(actor)
    before = current_criteria(db)
    document = {"_id": before.version + 1, "criteria": [c.model_dump() for c in data.criteria],
                "note": data.note, "published_at": clock.now(), "published_by": actor.username}
    try:
        repository.insert_criteria(db, document)
    except DuplicateKeyError as exc:
        raise Conflict("Someone saved the criteria at the same time; reload and try again.") from exc
    audit.record(db, actor=actor, action="lists.criteria", target=f"v{document['_id']}",
                 data=document, before=before.model_dump(mode="json"))
    return current_criteria(db)


def compute(db: Database, *, cut_off: date, previous: dict[str, Any] | None) -> list[dict[str, Any]]:
    """The entries the current criteria give at `cut_off`, with `listed_since` carried over from
    the previous edition for businesses that stay on the same list."""
    settings = get_settings()
    criteria = current_criteria(db).criteria
    lookback = max([c.within_days for c in criteria] + [settings.grade_window_days])
    earlier: dict[tuple[str, str], date] = {}
    if previous is not None:
        for row in repository.entries(db, previous["_id"]):
            earlier[(row["list"], row["business_code"])] = row["listed_since"].date()
    entries = []
    papers = any(c.rule == Rule.CLEAN_TOP_GRADE_IN_ORDER for c in criteria)
    for business, facts in facts_source.gather(db, since=cut_off - timedelta(days=lookback),
                                               until=cut_off, papers=papers):
        for kind, found in rules.match(criteria, facts, cut_off=cut_off,
                                       window_days=settings.grade_window_days,
                                       bands=settings.grade_bands,
                                       maintenance_days=settings.equipment_maintenance_days).items():
            entries.append({
                "list": kind.value, "business_code": business["code"],
                "business_name": business["name"], "district": business["district"],
                "trade": business["trade"], "criterion_id": found.criterion.id,
                "reason": found.reason,
                "listed_since": clock.to_stored(earlier.get((kind.value, business["code"]), cut_off))})
    return sorted(entries, key=lambda e: (e["list"], e["business_code"]))


def edition_hash(header: dict[str, Any], entries: list[dict[str, Any]]) -> str:
    """SHA-256 over the edition's header and its entries in order: anyone can recompute it."""
    body = json.dumps({"edition": header, "entries": entries}, sort_keys=True, default=str,
                      ensure_ascii=False)
    return hashlib.sha256(body.encode()).hexdigest()


def _header(number: int, cut_off: date, data: EditionPublish, criteria_version: int,
            previous_hash: str) -> dict[str, Any]:
    return {"number": number, "cut_off": cut_off.isoformat(), "criteria_version": criteria_version,
            "corrects": data.corrects, "correction_note": data.correction_note,
            "previous_hash": previous_hash}


BUSY = N_("Another edition is being published right now; try again in a minute.")


def publish(db: Database, *, actor: Actor | None, data: EditionPublish) -> EditionPublic:
    """An administrator (or the monthly job, with no actor) publishes the next
    edition. One publisher at a time across processes (a lease); the number is the `_id`."""
    if actor is not None:
        permissions.require_admin(actor)
    # A holder of this call's own: the process's would let its other threads (the web server's,
    # the built-in worker's) in beside it, and free the lease under them.
    holder = f"{leases.HOLDER}:{uuid.uuid4().hex}"
    if not leases.claim(db, name=PUBLISH_LEASE, holder=holder, ttl_s=600):
        raise Conflict(BUSY)
    try:
        return _publish(db, actor=actor, data=data)
    except (DuplicateKeyError, BulkWriteError) as exc:  # a publisher whose lease ran out (10 min)
        raise Conflict(BUSY) from exc
    finally:
        leases.release(db, name=PUBLISH_LEASE, holder=holder)


def _publish(db: Database, *, actor: Actor | None, data: EditionPublish) -> EditionPublic:
    previous = repository.latest_edition(db)
    corrected = repository.edition(db, data.corrects) if data.corrects is not None else None
    if data.corrects is not None and corrected is None:
        raise NotFound("There is no edition {number} to correct.", number=data.corrects)
    cut_off = data.cut_off or (corrected["cut_off"].date() if corrected else clock.today())
    if cut_off > clock.today():
        raise Invalid("An edition's cut-off date cannot be in the future.")
    if corrected is None and previous and cut_off < previous["cut_off"].date():
        # the lists people read are the latest edition's: an older cut-off would put stale ones up
        raise Invalid("An edition's cut-off date cannot be before the latest edition's ({date}); "
                      "to change that edition, publish a correction of it.",
                      date=previous["cut_off"].date().isoformat())
    record_dates.not_before_earliest(cut_off)
    if corrected is None and repository.edition_for_cut_off(db, clock.to_stored(cut_off)):
        raise Conflict("An edition with cut-off {date} is already published; publish a "
                       "correction instead.", date=cut_off.isoformat())
    number = previous["_id"] + 1 if previous else 1
    repository.discard_entries(db, number)  # left by a publisher that died half-way
    entries = [e | {"edition": number} for e in compute(db, cut_off=cut_off, previous=previous)]
    header = _header(number, cut_off, data, current_criteria(db).version,
                     previous["hash"] if previous else "")
    against = corrected or previous
    before = {f"{e['list']}:{e['business_code']}" for e in repository.entries(db, against["_id"])} \
        if against else set()
    after = {f"{e['list']}:{e['business_code']}" for e in entries}
    document = {"_id": number, "cut_off": clock.to_stored(cut_off), "published_at": clock.now(),
                "published_by": actor.username if actor else "scheduler",
                "criteria_version": header["criteria_version"], "corrects": data.corrects,
                "correction_note": data.correction_note, "previous_hash": header["previous_hash"],
                "red_count": sum(e["list"] == ListKind.RED for e in entries),
                "black_count": sum(e["list"] == ListKind.BLACK for e in entries),
                "added": sorted(after - before), "removed": sorted(before - after),
                "hash": edition_hash(header, [_hashed(e) for e in entries])}
    repository.insert_edition(db, document, entries)
    audit.record(db, actor=actor, action="lists.publish", target=f"edition:{number}",
                 data={k: v for k, v in document.items() if k not in ("added", "removed")})
    # Each listed business's page names the current edition; those dropped from the lists lose it.
    listings: dict[str, dict[str, dict[str, Any] | None]] = {
        key.split(":", 1)[1]: {"black": None, "red": None} for key in before}
    for entry in entries:
        listings.setdefault(entry["business_code"], {"black": None, "red": None})[entry["list"]] = entry
    profiles.set_listings(db, listings=listings)
    return EditionPublic.from_stored(document)


def _hashed(entry: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in entry.items() if k != "_id"}


@dataclass(frozen=True)
class Change:
    """A business that joined or left a list in an edition, by name, as readers know it."""

    list: ListKind
    business_code: str
    business_name: str


def named_changes(db: Database, keys: list[str], *, limit: int = 50) -> list[Change]:
    """The first `limit` of an edition's `added` or `removed` keys ("<list>:<code>") with the
    businesses' names (the code where a business is no longer registered)."""
    pairs = [key.split(":", 1) for key in keys[:limit]]
    names = business_rows.fields_of(db, sorted({code for _kind, code in pairs}), ("name",))
    return [Change(ListKind(kind), code, (names.get(code) or {}).get("name", code)) for kind, code in pairs]


def verify_edition(db: Database, *, number: int) -> bool:
    """Recomputes an edition's hash from its stored entries."""
    row = repository.edition(db, number)
    if row is None:
        raise NotFound("There is no edition {number}.", number=number)
    header = _header(number, row["cut_off"].date(), EditionPublish(
        corrects=row["corrects"], correction_note=row["correction_note"] or ""),
        row["criteria_version"], row["previous_hash"])
    return edition_hash(header, [_hashed(e) for e in repository.entries(db, number)]) == row["hash"]


def editions(db: Database, *, page_number: int = 1, page_size: int = 20) -> EditionsPublic:
    total = repository.count_editions(db)
    rows = repository.editions(db, skip=paging.skip(page_number, page_size), limit=page_size)
    return EditionsPublic(data=[EditionPublic.from_stored(row) for row in rows],
                          meta=PageMeta.of(total, page_number, page_size))


def edition(db: Database, *, number: int | None = None) -> EditionPublic:
    """One edition; the latest when `number` is None."""
    row = repository.latest_edition(db) if number is None else repository.edition(db, number)
    if row is None:
        raise NotFound("There is no edition {number}.", number=number if number else "—")
    return EditionPublic.from_stored(row)


def entries_page(db: Database, *, number: int, list_kind: ListKind | None = None, page_number: int = 1,
                 page_size: int = 20) -> EntriesPublic:
    """One page of an edition's entries, black before red, by business code."""
    total, rows = repository.entries_page(db, number, list_kind=list_kind.value if list_kind else None,
                                          skip=paging.skip(page_number, page_size), limit=page_size)
    return EntriesPublic(data=[Entry.from_stored(row) for row in rows],
                         meta=PageMeta.of(total, page_number, page_size))


def entries(db: Database, *, number: int, list_kind: ListKind | None = None) -> Iterator[Entry]:
    for row in repository.entries(db, number, list_kind=list_kind.value if list_kind else None):
        yield Entry.from_stored(row)


def due_cut_off(today: date) -> date:
    """The cut-off of the monthly edition due on or before `today`."""
    day = get_settings().list_edition_day
    this_month = today.replace(day=day)
    if this_month <= today:
        return this_month
    return (today.replace(day=1) - timedelta(days=1)).replace(day=day)


def publish_due(db: Database) -> EditionPublic | None:
    """The monthly job: publishes this month's edition unless it exists, or an administrator
    already published one with that cut-off or a later one."""
    cut_off = due_cut_off(clock.today())
    latest = repository.latest_edition(db)
    if latest is not None and latest["cut_off"].date() >= cut_off:
        return None
    return publish(db, actor=None, data=EditionPublish(cut_off=cut_off))

