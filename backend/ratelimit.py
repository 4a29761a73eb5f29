"""Rate limits kept in MongoDB, so every server process and machine shares the same counters."""

import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from pymongo import ReturnDocument
from pymongo.database import Database

from backend import clock, i18n
from backend.errors import TooManyRequests
from backend.i18n import ngettext

Say = Callable[[int], str]  # a number of seconds or minutes in words, by ngettext: "1 second"


@dataclass(frozen=True)
class Wording:
    """A refusal's words for a short wait, {seconds}, and for a long one, {minutes} (rounded up):
    each says its number through ngettext, so the reader's language and the number choose the form
    ("1 second", "2 seconds") when the refusal is shown."""

    seconds: Say
    minutes: Say


TRY_AGAIN = Wording(
    lambda n: ngettext("Too many requests. Please try again in {seconds} second.",
                       "Too many requests. Please try again in {seconds} seconds.", n),
    lambda n: ngettext("Too many requests. Please try again in about {minutes} minute.",
                       "Too many requests. Please try again in about {minutes} minutes.", n))
_IN_MINUTES_OVER_S = 90   # past a minute and a half a wait reads in minutes


class WaitRefused(TooManyRequests):
    """Too many requests, in words that fit the number of the wait. Its `message` is the English
    text; shown, it is said again in the language in force (as every DomainError is shown)."""

    def __init__(self, say: Say, count: int, *, retry_after_s: int, **params: int) -> None:
        with i18n.language("en"):
            message = say(count)
        super().__init__(message, retry_after_s=retry_after_s, **params)
        self.say, self.count = say, count

    def translated(self, gettext) -> str:  # type: ignore[no-untyped-def]
        return self.say(self.count).format(**self.params)


def refusal(wording: Wording, seconds: int) -> TooManyRequests:
    """The refusal for a wait of `seconds`; the Retry-After header keeps the seconds."""
    if seconds <= _IN_MINUTES_OVER_S:
        return WaitRefused(wording.seconds, seconds, retry_after_s=seconds, seconds=seconds)
    minutes = math.ceil(seconds / 60)
    return WaitRefused(wording.minutes, minutes, retry_after_s=seconds, seconds=seconds, minutes=minutes)


def create_indexes(db: Database) -> None:
    # A real MongoDB drops old windows by itself; elsewhere `purge` does.
    db.rate_limits.create_index("expires_at", expireAfterSeconds=0)


def hit(db: Database, *, key: str, limit: int, window_s: int,
        message: Wording = TRY_AGAIN) -> int:
    """Counts one request against `key` in the current fixed window; raises TooManyRequests with
    the seconds until the window ends once more than `limit` came in it. Returns the count."""
    now = time.time()
    counted = _add(db, key, window_s, now)
    if counted > limit:
        raise refusal(message, _left(window_s, now))
    return counted


def count(db: Database, *, key: str, window_s: int) -> int:
    """Counts one request against `key` in the current window without refusing it: for what is
    done already (a review recorded), checked beforehand by `require_below`. Returns the count."""
    return _add(db, key, window_s, time.time())


def _add(db: Database, key: str, window_s: int, now: float) -> int:
    window = int(now // window_s)
    counter = db.rate_limits.find_one_and_update(
        {"_id": f"{key}|{window_s}|{window}"},
        {"$inc": {"count": 1},
         "$set": {"expires_at": datetime.fromtimestamp((window + 1) * window_s, UTC).replace(tzinfo=None)}},
        upsert=True, return_document=ReturnDocument.AFTER)
    return int(counter["count"]) if counter else 1


def _left(window_s: int, now: float) -> int:
    """Whole seconds, at least one, until the current window ends."""
    return max(1, math.ceil((int(now // window_s) + 1) * window_s - now))


def require_below(db: Database, *, key: str, limit: int, window_s: int, message: Wording) -> None:
    """Raises TooManyRequests while `key` already has `limit` hits in the current window,
    without counting this call (e.g. failed sign-ins: only failures are counted)."""
    now = time.time()
    window = int(now // window_s)
    counter = db.rate_limits.find_one({"_id": f"{key}|{window_s}|{window}"})
    if (int(counter["count"]) if counter else 0) >= limit:
        raise refusal(message, _left(window_s, now))


def purge(db: Database, *, older_than: timedelta = timedelta(0)) -> int:
    cutoff = clock.now() - older_than
    return db.rate_limits.delete_many({"expires_at": {"$lt": cutoff}}).deleted_count
