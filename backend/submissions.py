"""A form sent twice (a double tap, a reload, back and send again) is recorded once, and the repeat
is answered with the first sending's result.

A sending is claimed under a key (the portal's `once.key`: the form's one-time token, the browser
and what was sent) by inserting a document with that `_id`: of two requests at once, one inserts
it and records, the other waits for the first one's result. A claim whose request died is taken
over after `LEASE`; claims are dropped a day on (a TTL index where the server honours it, and the
worker's hourly `purge`, since the embedded server is not known to)."""

import time
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from pymongo.database import Database
from pymongo.errors import DuplicateKeyError

from backend import clock
from backend.errors import Conflict
from backend.i18n import N_

KEEP = timedelta(days=1)  # how long a repeat is recognised
LEASE = timedelta(minutes=2)  # a first sending not finished by then is taken to have died
WAIT_S = 8.0  # how long a repeat waits for the first sending to finish
_POLL_S = 0.1


class StillRecording(Conflict):
    """The first sending is still being recorded: reloading the answer sends the same form again
    (photos too), which then gets the first result."""

    def __init__(self) -> None:
        super().__init__(N_("This form was just sent and is still being recorded. Reload this page "
                            "in a moment to see the result: it is not recorded twice."))


def create_indexes(db: Database) -> None:
    # A real MongoDB drops a claim past `expires_at` by itself; elsewhere `purge` does.
    db.form_claims.create_index("expires_at", expireAfterSeconds=0)


def once(db: Database, claim_key: str | None, record: Callable[[], str]) -> str:
    """`record()` (which stores the sending and returns its result, e.g. the address to go to)
    once for `claim_key`; a repeat returns the first result. Whatever `record` raises frees the
    claim, so the form can be mended and sent again. Raises StillRecording when the first
    sending is still being recorded after WAIT_S. Without a key: recorded as before."""
    if claim_key is None:
        return record()
    first = _first_result(db, claim_key)
    if first is not None:
        return first
    try:
        result = record()
    except BaseException:
        db.form_claims.delete_one({"_id": claim_key, "result": None})
        raise
    db.form_claims.update_one({"_id": claim_key}, {"$set": {"result": result}})
    return result


def purge(db: Database) -> int:
    return db.form_claims.delete_many({"expires_at": {"$lt": clock.now()}}).deleted_count


def _first_result(db: Database, claim_key: str) -> str | None:
    """None once this request holds the claim; else the first sending's result, waited for."""
    deadline = time.monotonic() + WAIT_S
    while True:
        found = _claim(db, claim_key)
        if found is None:
            return None
        if found.get("result") is not None:
            return str(found["result"])
        if time.monotonic() >= deadline:
            raise StillRecording
        time.sleep(_POLL_S)


def _claim(db: Database, claim_key: str) -> dict[str, Any] | None:
    """None when this request now holds the claim (new, or taken from a request that died);
    else the claim as stored (a request that freed it meanwhile: an empty one, so we try again)."""
    now = clock.now()
    try:
        db.form_claims.insert_one({"_id": claim_key, "result": None, "pending_until": now + LEASE,
                                   "expires_at": now + KEEP})
        return None
    except DuplicateKeyError:
        pass
    taken = db.form_claims.find_one_and_update(
        {"_id": claim_key, "result": None, "pending_until": {"$lt": now}},
        {"$set": {"pending_until": now + LEASE}})
    if taken is not None:
        return None
    return db.form_claims.find_one({"_id": claim_key}) or {}
