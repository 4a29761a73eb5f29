"""Atomic leases in MongoDB: work that many worker processes could do is done by one at a time.

A lease is one document per piece of work. Claiming it is a single conditional upsert, so two
processes on any machines sharing the database can never both hold it; a holder that dies stops
renewing, and after `ttl_s` anyone may take the work over."""

import os
import socket
import uuid
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from pymongo import ReturnDocument
from pymongo.collection import Collection
from pymongo.database import Database
from pymongo.errors import DuplicateKeyError

from backend import clock

HOLDER = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def create_indexes(db: Database) -> None:
    db.leases.create_index("expires_at")


def claim(db: Database, *, name: str, holder: str = HOLDER, ttl_s: float) -> bool:
    """True when `holder` now holds `name` (newly, or renewed); False while someone else does."""
    now = clock.now()
    try:
        lease = db.leases.find_one_and_update(
            # $and spelled out: the embedded server drops an equality that sits beside a
            # top-level $or, and would then claim some other lease.
            {"$and": [{"_id": name}, {"$or": [{"holder": holder}, {"expires_at": {"$lt": now}}]}]},
            {"$set": {"holder": holder, "expires_at": now + timedelta(seconds=ttl_s),
                      "claimed_at": now}},
            upsert=True, return_document=ReturnDocument.AFTER)
    except DuplicateKeyError:  # a real MongoDB: the lease exists and a live holder has it
        return False
    # The embedded server answers that case with no document instead of the error.
    return lease is not None and lease["holder"] == holder


def release(db: Database, *, name: str, holder: str = HOLDER) -> None:
    db.leases.delete_one({"_id": name, "holder": holder})


def holder_of(db: Database, name: str) -> str | None:
    lease = db.leases.find_one({"_id": name, "expires_at": {"$gte": clock.now()}})
    return lease["holder"] if lease else None


def run_once(db: Database, *, job: str, period: str, run: Callable[[], Any],
             ttl_s: float, holder: str = HOLDER) -> bool:
    """Runs `run` once for (job, period) however many processes try; True if this one ran it.
    A run that dies before finishing leaves its period undone, for another process to redo."""
    run_id = f"{job}:{period}"
    if db.job_runs.find_one({"_id": run_id, "done_at": {"$exists": True}}):
        return False
    if not claim(db, name=f"job:{run_id}", holder=holder, ttl_s=ttl_s):
        return False
    try:
        if db.job_runs.find_one({"_id": run_id, "done_at": {"$exists": True}}):
            return False  # finished by another process between our check and our claim
        run()
        db.job_runs.update_one({"_id": run_id}, {"$set": {"done_at": clock.now(), "by": holder}},
                               upsert=True)
        return True
    finally:
        release(db, name=f"job:{run_id}", holder=holder)


def claim_next(collection: Collection, *, query: dict[str, Any], holder: str = HOLDER,
               ttl_s: float, now: datetime | None = None) -> dict[str, Any] | None:
    """Claims one document matching `query` that nobody holds (or whose holder stopped renewing),
    by stamping it with `lease_holder` / `lease_until`; None when there is nothing to claim.
    The caller clears or renews those fields when it has finished the item."""
    now = now or clock.now()
    free = {"$or": [{"lease_until": None}, {"lease_until": {"$lt": now}}]}
    return collection.find_one_and_update(
        {"$and": [query, free]},
        {"$set": {"lease_holder": holder, "lease_until": now + timedelta(seconds=ttl_s)}},
        return_document=ReturnDocument.AFTER)
