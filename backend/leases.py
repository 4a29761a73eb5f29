"""Atomic leases in MongoDB: work that many worker processes could do is done by one at a time.

A lease is one document per piece of work. Claiming it is a single conditional upsert, so two
processes on any machines sharing the database can never both hold it; a holder that dies stops
renewing, and after `ttl_s` anyone may take the work over."""

import logging
import os
import socket
import threading
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from typing import Any

from pymongo import ReturnDocument
from pymongo.collection import Collection
from pymongo.database import Database
from pymongo.errors import DuplicateKeyError, PyMongoError

from backend import clock

HOLDER = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"

log = logging.getLogger(__name__)


def create_indexes(db: Database) -> None:
    db.leases.create_index("expires_at")
    db.job_parts.create_index([("run", 1), ("done_at", 1)])


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


@contextmanager
def kept_alive(renew: Callable[[], object], *, ttl_s: float) -> Iterator[None]:
    """Calls `renew` every third of `ttl_s` while the block runs, so work that takes longer than
    its lease is not taken over while its holder is alive and working; a holder that dies stops
    renewing and loses the work after `ttl_s` as before. A renewal that fails (the database out of
    reach for a moment) is logged and tried again at the next beat."""
    stop, every_s = threading.Event(), max(ttl_s / 3, 0.05)

    def beat() -> None:
        while not stop.wait(every_s):
            try:
                renew()
            except PyMongoError:
                log.warning("could not renew a lease; trying again in %.1f s", every_s, exc_info=True)

    thread = threading.Thread(target=beat, name="lease-renewal", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()


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
        with kept_alive(lambda: claim(db, name=f"job:{run_id}", holder=holder, ttl_s=ttl_s), ttl_s=ttl_s):
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


# A run too long for one process (regrading a million businesses) is cut into parts that any
# number of processes share: the first to come plans the parts, then each process claims parts one
# at a time until none is left. A holder that dies leaves its part to lapse and be redone; a part
# run twice (its holder woke up late) does the same work twice, so parts must be idempotent.

def plan(db: Database, *, run_id: str, split: Callable[[], list[list[str]]], ttl_s: float,
         holder: str = HOLDER) -> bool:
    """Writes the run's parts (each a list of keys, from `split`) unless they exist; True once they
    do, False while another process is planning them."""
    if db.job_runs.find_one({"_id": run_id, "parts": {"$exists": True}}, {"_id": 1}):
        return True
    if not claim(db, name=f"plan:{run_id}", holder=holder, ttl_s=ttl_s):
        return False
    try:
        if db.job_runs.find_one({"_id": run_id, "parts": {"$exists": True}}, {"_id": 1}):
            return True  # planned by another process between our check and our claim
        # splitting a million businesses takes a while: the planner keeps its lease meanwhile
        with kept_alive(lambda: claim(db, name=f"plan:{run_id}", holder=holder, ttl_s=ttl_s), ttl_s=ttl_s):
            parts = split()
            db.job_parts.delete_many({"run": run_id})  # what a planner that died half way left
            for start in range(0, len(parts), 200):
                db.job_parts.insert_many([
                    {"_id": f"{run_id}#{n}", "run": run_id, "n": n, "keys": keys, "done_at": None,
                     "lease_holder": None, "lease_until": None}
                    for n, keys in enumerate(parts[start:start + 200], start)])
        db.job_runs.update_one({"_id": run_id}, {"$set": {"parts": len(parts), "planned_at": clock.now(),
                                                          "planned_by": holder}}, upsert=True)
        return True
    finally:
        release(db, name=f"plan:{run_id}", holder=holder)


def parts(db: Database, *, run_id: str, ttl_s: float, holder: str = HOLDER) -> Iterator[dict[str, Any]]:
    """The planned run's parts this process claims, one at a time (each `{"_id", "n", "keys"}`),
    until none is left unclaimed; mark each one `part_done` when its work is written."""
    while (part := claim_next(db.job_parts, query={"run": run_id, "done_at": None}, holder=holder,
                              ttl_s=ttl_s)) is not None:
        yield part


def renew_parts(db: Database, *, run_id: str, ttl_s: float, holder: str = HOLDER) -> None:
    """Extends the lease on every part of the run that this process holds and has not finished."""
    db.job_parts.update_many({"run": run_id, "lease_holder": holder, "done_at": None},
                             {"$set": {"lease_until": clock.now() + timedelta(seconds=ttl_s)}})


@contextmanager
def parts_kept(db: Database, *, run_id: str, ttl_s: float, holder: str = HOLDER) -> Iterator[None]:
    """While the block runs, the parts this process claims stay its own however long each takes;
    a part left unfinished by an exception (Ctrl-C, an error) is let go at once for another process,
    rather than held until its lease runs out."""
    with kept_alive(lambda: renew_parts(db, run_id=run_id, ttl_s=ttl_s, holder=holder), ttl_s=ttl_s):
        try:
            yield
        except BaseException:
            db.job_parts.update_many({"run": run_id, "lease_holder": holder, "done_at": None},
                                     {"$set": {"lease_holder": None, "lease_until": None}})
            raise


def part_done(db: Database, part: dict[str, Any]) -> None:
    db.job_parts.update_one({"_id": part["_id"]}, {"$set": {"done_at": clock.now(), "lease_until": None}})


def finish(db: Database, *, run_id: str, holder: str = HOLDER) -> bool:
    """True when every part of the run is done, recording the run as done (and dropping its
    parts) the first time; False while parts remain, held by other processes or lapsed."""
    run = db.job_runs.find_one({"_id": run_id})
    if run is None or "parts" not in run:
        return False
    if "done_at" in run:
        return True
    if db.job_parts.count_documents({"run": run_id, "done_at": {"$ne": None}}) < run["parts"]:
        return False
    db.job_runs.update_one({"_id": run_id, "done_at": {"$exists": False}},
                           {"$set": {"done_at": clock.now(), "by": holder}})
    db.job_parts.delete_many({"run": run_id})
    return True


def finished_at(db: Database, run_id: str) -> datetime | None:
    """When the run was recorded as done (by `finish`), or None while it is not."""
    run = db.job_runs.find_one({"_id": run_id, "done_at": {"$exists": True}}, {"done_at": 1})
    return run["done_at"] if run else None


def planned_at(db: Database, run_id: str) -> datetime | None:
    """When the run's parts were planned (before any of them ran), or None if they were not."""
    run = db.job_runs.find_one({"_id": run_id}, {"planned_at": 1})
    return run.get("planned_at") if run else None


def run_in_parts(db: Database, *, run_id: str, split: Callable[[], list[list[str]]],
                 run: Callable[[list[str]], Any], ttl_s: float, holder: str = HOLDER) -> bool:
    """Does this process's share of a run cut into parts: plans it if nobody has, then runs every
    part it can claim. True when the whole run is done (by whoever), False while it is not (parts
    held by others or not planned yet): call again later to pick up a dead holder's parts."""
    if finished_at(db, run_id) is not None:
        return True
    if not plan(db, run_id=run_id, split=split, ttl_s=ttl_s, holder=holder):
        return False
    with parts_kept(db, run_id=run_id, ttl_s=ttl_s, holder=holder):
        for part in parts(db, run_id=run_id, ttl_s=ttl_s, holder=holder):
            run(part["keys"])
            part_done(db, part)
    return finish(db, run_id=run_id, holder=holder)


def forget(db: Database, *, run_id: str) -> None:
    """Drops the record of a run and its parts, so that the next `run_in_parts` starts it again."""
    db.job_runs.delete_one({"_id": run_id})
    db.job_parts.delete_many({"run": run_id})
