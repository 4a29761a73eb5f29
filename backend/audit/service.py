"""Records each write in the append-only `audit` collection, chained by hash so edits show.

Entries are numbered: a writer claims the next `seq` by inserting it (a unique index), and the
entry's hash covers the hash of entry `seq - 1`. Two writers that read the same last entry race
for the same number; the loser re-reads and tries the next one, so however many threads and
processes write at once, on the embedded server or a real MongoDB, the chain never forks."""

import hashlib
import json
import random
import time
from collections.abc import Iterator
from typing import Any

from bson import decode, encode
from pymongo import ASCENDING, DESCENDING
from pymongo.database import Database
from pymongo.errors import DuplicateKeyError

from backend import clock
from backend.users.schemas import Actor

MAX_ATTEMPTS = 200


def create_indexes(db: Database) -> None:
    db.audit.create_index([("seq", ASCENDING)], unique=True)
    db.audit.create_index([("at", DESCENDING)])
    db.audit.create_index([("target", 1)])


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
