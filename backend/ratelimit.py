"""Rate limits kept in MongoDB, so every server process and machine shares the same counters."""

import math
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from pymongo import ReturnDocument
from pymongo.database import Database

from backend import clock
from backend.errors import TooManyRequests
from backend.i18n import N_


@dataclass(frozen=True)
class Wording:
    """A refusal's words for a short wait, {seconds}, and for a long one, {minutes} (rounded up)."""

    seconds: str
    minutes: str


TRY_AGAIN = Wording(N_("Too many requests. Please try again in {seconds} seconds."),
                    N_("Too many requests. Please try again in about {minutes} minutes."))
_IN_MINUTES_OVER_S = 90   # past a minute and a half a wait reads in minutes


def refusal(wording: Wording, seconds: int) -> TooManyRequests:
    """The refusal for a wait of `seconds`; the Retry-After header keeps the seconds."""
    if seconds <= _IN_MINUTES_OVER_S:
        return TooManyRequests(wording.seconds, retry_after_s=seconds, seconds=seconds)
    return TooManyRequests(wording.minutes, retry_after_s=seconds, seconds=seconds,
                           minutes=math.ceil(seconds / 60))


def create_indexes(db: Database) -> None:
    # A real MongoDB drops old windows by itself; elsewhere `purge` does.
    db.rate_limits.create_index("expires_at", expireAfterSeconds=0)


def hit(db: Database, *, key: str, limit: int, window_s: int,
        message: Wording = TRY_AGAIN) -> int:
    """Counts one request against `key` in the current fixed window; raises TooManyRequests with
    the seconds until the window ends once more than `limit` came in it. Returns the count."""
    now = time.time()
    window = int(now // window_s)
    counter = db.rate_limits.find_one_and_update(
        {"_id": f"{key}|{window_s}|{window}"},
        {"$inc": {"count": 1},
         "$set": {"expires_at": datetime.fromtimestamp((window + 1) * window_s, UTC).replace(tzinfo=None)}},
        upsert=True, return_document=ReturnDocument.AFTER)
    count = int(counter["count"]) if counter else 1
    if count > limit:
        seconds = max(1, math.ceil((window + 1) * window_s - now))
        raise refusal(message, seconds)
    return count


def require_below(db: Database, *, key: str, limit: int, window_s: int, message: Wording) -> None:
    """Raises TooManyRequests while `key` already has `limit` hits in the current window,
    without counting this call (e.g. failed sign-ins: only failures are counted)."""
    now = time.time()
    window = int(now // window_s)
    counter = db.rate_limits.find_one({"_id": f"{key}|{window_s}|{window}"})
    if counter and int(counter["count"]) >= limit:
        seconds = max(1, math.ceil((window + 1) * window_s - now))
        raise refusal(message, seconds)


def purge(db: Database, *, older_than: timedelta = timedelta(0)) -> int:
    cutoff = clock.now() - older_than
    return db.rate_limits.delete_many({"expires_at": {"$lt": cutoff}}).deleted_count
