"""Records each write in the append-only `audit` collection, chained by hash so edits show.

Entries are numbered: a writer claims the next `seq` by inserting it (a unique index), and the
entry's hash covers the hash of entry `seq - 1`. Two writers that read the same last entry race
for the same number; the loser re-reads and tries the next one, so however many threads and
processes write at once, on the embedded server or a real MongoDB, the chain never forks."""

import hashlib
import json
import random
import re
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from typing import Any

from bson import decode, encode
from pymongo import ASCENDING, DESCENDING
from pymongo.database import Database
from pymongo.errors import DuplicateKeyError

from backend import clock, paging
from backend.audit.schemas import AuditEntriesPublic, AuditEntryPublic, shown
from backend.errors import Invalid
from backend.paging import PageMeta
from backend.users import permissions
from backend.users.schemas import Actor

MAX_ATTEMPTS = 200


def create_indexes(db: Database) -> None:
    db.audit.create_index([("seq", ASCENDING)], unique=True)
    db.audit.create_index([("at", DESCENDING)])
    db.audit.create_index([("target", 1)])
    db.audit.create_index([("data.business_code", 1)])  # a business's trail (`_query`)


def _digest(previous: str, entry: dict[str, Any]) -> str:
    body = json.dumps(entry, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256((previous + body).encode()).hexdigest()


def _entry(actor: Actor | None, action: str, target: str, data: dict[str, Any],
           before: dict[str, Any] | None) -> dict[str, Any]:
    entry = {"at": clock.now(), "actor": actor.username if actor else "anonymous",
             "role": actor.role if actor else None, "action": action, "target": target,
             "data": {k: v for k, v in data.items() if k != "_id"}}
    if before is not None:  # what an update changed it from; `data` is what it is now
        entry["before"] = {k: v for k, v in before.items() if k != "_id"}
    # Hash what the database will hold (its datetimes keep milliseconds, not microseconds),
    # so anyone can re-check the chain from the stored entries.
    return decode(encode(entry))


def record(db: Database, *, actor: Actor | None, action: str, target: str,
           data: dict[str, Any], before: dict[str, Any] | None = None) -> int:
    """Appends one entry; returns its sequence number."""
    body = _entry(actor, action, target, data, before)
    for attempt in range(MAX_ATTEMPTS):
        last = db.audit.find_one({}, {"seq": 1, "hash": 1}, sort=[("seq", DESCENDING)])
        seq = last["seq"] + 1 if last else 1
        entry = body | {"seq": seq}
        entry["hash"] = _digest(last["hash"] if last else "", entry)
        try:
            db.audit.insert_one(entry)
            return seq
        except DuplicateKeyError:  # another writer took this number: chain onto theirs
            time.sleep(random.uniform(0, 0.002 * min(attempt + 1, 10)))
    raise RuntimeError(f"audit: could not append after {MAX_ATTEMPTS} attempts")


def entries(db: Database) -> Iterator[dict[str, Any]]:
    return db.audit.find({}, {"_id": 0}).sort("seq", ASCENDING)


def first_broken(db: Database) -> tuple[int, dict[str, Any] | None, str] | None:
    """None when the whole chain holds; otherwise (entries checked, the first bad entry, why)."""
    previous, expected, checked = "", 1, 0
    for entry in entries(db):
        stored = entry.pop("hash", None)
        if entry.get("seq") != expected:
            return checked, entry, f"expected entry {expected}, found {entry.get('seq')}"
        if _digest(previous, entry) != stored:
            return checked, entry, "its hash does not match its content and the previous entry"
        previous, expected, checked = stored, expected + 1, checked + 1
    return None


def count(db: Database) -> int:
    last = db.audit.find_one({}, {"seq": 1}, sort=[("seq", DESCENDING)])
    return int(last["seq"]) if last else 0


# Targets written as `kind:id`: a bare id asked for finds these too (`OF-TH-07`: `officer:OF-TH-07`).
TARGET_KINDS = ("user", "officer", "unit", "edition")
EARLIEST_DAY, LATEST_DAY = date(1970, 1, 1), date(9000, 1, 1)


def listed(db: Database, *, actor: Actor | None, action: str = "", target: str = "", by: str = "",
           since: date | None = None, until: date | None = None, page_number: int = 1,
           page_size: int = 20) -> AuditEntriesPublic:
    """The trail, newest first, for administrators. `action` exactly, or a family: `task.` (or
    `task`) is every task action; `target` exactly, or the business a write names
    (`data.business_code`: one on its review, its alert, its task); `by` a user name
    (`anonymous`: the public's and the system's writes); `since`/`until` days on the
    municipality's clock, both included.
    Each entry says whether its own link of the chain holds (`intact`)."""
    permissions.require_admin(actor)
    paging.check(page_number, page_size)
    query = _query(action.strip(), target.strip(), by.strip(), since, until)
    rows = _newest(db, query, skip=paging.skip(page_number, page_size), limit=page_size)
    previous = _previous_hashes(db, rows)
    return AuditEntriesPublic(data=[_public(row, previous) for row in rows],
                              meta=PageMeta.of(db.audit.count_documents(query), page_number, page_size))


def _newest(db: Database, query: dict[str, Any], *, skip: int, limit: int) -> list[dict[str, Any]]:
    """A page of the entries `query` finds, newest first. Its `$or` (a target's) is read branch by
    branch, each through its own index, and merged: the embedded server reads the whole trail for
    an `$or`."""
    if "$or" not in query:
        return list(db.audit.find(query, {"_id": 0}).sort("seq", DESCENDING).skip(skip).limit(limit))
    rest, found = {k: v for k, v in query.items() if k != "$or"}, {}
    for branch in query["$or"]:
        for row in db.audit.find(rest | branch, {"_id": 0}).sort("seq", DESCENDING).limit(skip + limit):
            found[row["seq"]] = row   # an entry both branches find is listed once
    return [found[seq] for seq in sorted(found, reverse=True)[skip:skip + limit]]


def _query(action: str, target: str, by: str, since: date | None, until: date | None) -> dict[str, Any]:
    if since and until and since > until:
        raise Invalid("The first day ({since}) comes after the last day ({until}).",
                      since=since.isoformat(), until=until.isoformat())
    query: dict[str, Any] = {}
    if action.endswith("."):
        query["action"] = {"$regex": "^" + re.escape(action)}
    elif action and "." not in action:
        query["action"] = {"$regex": "^" + re.escape(action) + r"(\.|$)"}
    elif action:
        query["action"] = action
    if target:  # a business's trail lists what was filed under its records too (a review, an alert)
        kinds = [] if ":" in target else [f"{kind}:{target}" for kind in TARGET_KINDS]
        query["$or"] = [{"target": {"$in": [target, *kinds]}}, {"data.business_code": target}]
    if by:   # a user name is one whatever its case (users.schemas.username_key)
        query["actor"] = {"$regex": "^" + re.escape(by) + "$", "$options": "i"}
    at = ({"$gte": _local_midnight(since)} if since else {}) | (
        {"$lt": _local_midnight(min(until, LATEST_DAY) + timedelta(days=1))} if until else {})
    if at:
        query["at"] = at
    return query


def _local_midnight(day: date) -> datetime:
    """When `day` starts on the municipality's clock, as a stored instant (naive UTC). Entries are
    written as they happen: a day far outside their years bounds nothing, and 0001-01-01 or
    9999-12-31 (as a date field may send) are kept within what an instant can hold."""
    day = min(max(day, EARLIEST_DAY), LATEST_DAY)
    start = datetime.combine(day, datetime.min.time(), tzinfo=clock.zone())
    return start.astimezone(UTC).replace(tzinfo=None)


def _previous_hashes(db: Database, rows: list[dict[str, Any]]) -> dict[int, str | None]:
    """The hash of the entry before each of `rows`, by its number (the first entry's is "")."""
    wanted = [row["seq"] - 1 for row in rows if isinstance(row.get("seq"), int)]
    found = {row["seq"]: row.get("hash")
             for row in db.audit.find({"seq": {"$in": wanted}}, {"_id": 0, "seq": 1, "hash": 1})}
    return found | {0: ""}


def _public(row: dict[str, Any], previous: dict[int, str | None]) -> AuditEntryPublic:
    stored = row.pop("hash", None)
    link = previous.get(row.get("seq", 0) - 1) if isinstance(row.get("seq"), int) else None
    intact = link is not None and stored is not None and _digest(link, row) == stored
    data, before = row.get("data"), row.get("before")
    return AuditEntryPublic(seq=row.get("seq", 0), at=row["at"], actor=str(row.get("actor", "")),
                            role=row.get("role"), action=str(row.get("action", "")),
                            target=str(row.get("target", "")),
                            data=shown(data) if isinstance(data, dict) else {},
                            before=shown(before) if isinstance(before, dict) else None, intact=intact)
