"""When every consumer grade was last checked. The daily regrade writes only the profiles whose
grades would show something new (writing a million profiles a day to move a date was most of its
time), so a stored grade's `as_of` is the day it last changed. Once a day's regrade has been done
to the end, by however many workers, the time it was planned is recorded here: every grade then
holds as of that time, and is published with it (`as_of`, the later of the two)."""

import threading
import time
from datetime import datetime
from typing import Any

from pymongo.database import Database

# How stale a process's reading may be, at most, after a regrade finished in another process.
REFRESH_EVERY_S = 5.0
KEY = "consumer"

_lock = threading.Lock()
_read: dict[str, tuple[float, datetime | None]] = {}  # by database name: (read until, checked at)


def mark(db: Database, at: datetime) -> None:
    """Records that every grade was checked at `at` or later (a day's regrade, done to the end)."""
    db.grade_checks.update_one({"_id": KEY}, {"$max": {"at": at}}, upsert=True)
    with _lock:
        _read.pop(db.name, None)


def checked_at(db: Database) -> datetime | None:
    """The time every grade was last checked at, read at most every REFRESH_EVERY_S per process."""
    with _lock:
        until, at = _read.get(db.name, (0.0, None))
        if time.monotonic() < until:
            return at
    stored = db.grade_checks.find_one({"_id": KEY}) or {}
    with _lock:
        _read[db.name] = (time.monotonic() + REFRESH_EVERY_S, stored.get("at"))
    return stored.get("at")


def forget() -> None:
    """Reads the database again next time (tests, a new database)."""
    with _lock:
        _read.clear()


def dated(grades: dict[str, Any], at: datetime | None) -> dict[str, Any]:
    """The stored grades with the consumer grade's `as_of` moved on to `at` where that is later."""
    consumer = grades.get("consumer")
    if not consumer or at is None or consumer["as_of"] >= at:
        return grades
    return grades | {"consumer": consumer | {"as_of": at}}
