"""Records each write in the append-only `audit` collection, chained by hash so edits show."""

import hashlib
import json
from typing import Any

from bson import decode, encode
from pymongo import DESCENDING
from pymongo.database import Database

from backend import clock
from backend.users.schemas import Actor


def create_indexes(db: Database) -> None:
    db.audit.create_index([("at", DESCENDING)])
    db.audit.create_index([("target", 1)])


def _digest(previous: str, entry: dict[str, Any]) -> str:
    body = json.dumps(entry, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256((previous + body).encode()).hexdigest()


def record(db: Database, *, actor: Actor | None, action: str, target: str,
           data: dict[str, Any], before: dict[str, Any] | None = None) -> None:
    last = db.audit.find_one({}, {"hash": 1}, sort=[("at", DESCENDING), ("_id", DESCENDING)])
    entry = {"at": clock.now(), "actor": actor.username if actor else "anonymous",
             "role": actor.role if actor else None, "action": action, "target": target,
             "data": {k: v for k, v in data.items() if k != "_id"}}
    if before is not None:  # what an update changed it from; `data` is what it is now
        entry["before"] = {k: v for k, v in before.items() if k != "_id"}
    # Hash what the database will hold (its datetimes keep milliseconds, not microseconds),
    # so anyone can re-check the chain from the stored entries.
    entry = decode(encode(entry))
    entry["hash"] = _digest(last["hash"] if last else "", entry)
    db.audit.insert_one(entry)
