"""Regrading many businesses at once: reviews and profiles read a chunk of businesses at a time."""

from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from typing import Any

from pymongo.database import Database

from backend.profiles import repository as profiles
from backend.profiles import service as profile_service
from backend.reviews import profile, repository

CHUNK = 500
STEP = 100  # businesses a daily regrade reads at once within a chunk
# What a regrade reads of a profile: what `profile.regraded` recomputes from, and the guard. The
# newest reviews (about 40 % of a profile) only when new predictions are to be shown in them.
GRADES_FROM = {"grades": 1, "grade_basis": 1, "staff": 1, "inspections": 1, "updated_at": 1}
REGRADED_FROM = GRADES_FROM | {"reviews": 1}


def chunks(codes: list[str]) -> list[list[str]]:
    """Businesses in the groups a regrade (and a backfill) works through: CHUNK at a time."""
    return [codes[start:start + CHUNK] for start in range(0, len(codes), CHUNK)]


def every_business(db: Database) -> list[list[str]]:
    """Every business with reviews, in the parts the daily regrade and a backfill are leased in."""
    return chunks(repository.business_codes(db))


def chunk(db: Database, codes: list[str], now: datetime) -> int:
    """The daily regrade of one chunk of businesses; returns how many were regraded. Each profile's
    grade basis gives its grades without its reviews, unless the weighing changed or a review
    left the window since it was built: only those businesses' reviews are read, and their basis
    is built again. The chunk is worked STEP businesses at a time, the steps read in a second
    thread ahead of their grading and writing, so the database and this process work at once.
    Predictions have not changed (a newly scored review rebuilds its profile), so the newest
    reviews shown are left as they are; a profile whose grades are the same as stored but for their
    date is not written at all (the finished run dates it: `checked`)."""
    since = profile.since(now)

    def read(step: list[str]) -> tuple[list[dict[str, Any]], list[dict[str, Any]], set[str]]:
        stored = profiles.get_many(db, step, GRADES_FROM)
        stale = {row["_id"] for row in stored if not profile.basis_usable(row, now)}
        return (repository.for_business_codes(db, sorted(stale), since) if stale else [],
                stored, stale)

    steps = [codes[start:start + STEP] for start in range(0, len(codes), STEP)]
    with ThreadPoolExecutor(max_workers=1) as ahead:
        return sum(_regraded(db, rows, stored, now, newest=False, read=stale)
                   for rows, stored, stale in ahead.map(read, steps))


def with_reviews(db: Database, codes: list[str], rows: list[dict[str, Any]], now: datetime) -> int:
    """Regrades `codes` from `rows` (the grading fields of their reviews in the rule's window,
    with new predictions): one read of their profiles, one bulk write of the fields that change,
    the newest reviews with the new predictions among them."""
    stored = profiles.get_many(db, codes, REGRADED_FROM)
    return _regraded(db, rows, stored, now, newest=True, read={row["_id"] for row in stored})


def _regraded(db: Database, rows: list[dict[str, Any]], stored_profiles: list[dict[str, Any]],
              now: datetime, *, newest: bool, read: set[str]) -> int:
    """`read`: the businesses whose reviews are in `rows` (all of them in the window); the others'
    grades come from their stored basis."""
    by_code: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        by_code[row["business_code"]].append(row)
    changes, read_at, unchanged = {}, {}, 0
    for stored in stored_profiles:
        graded = by_code.get(stored["_id"], []) if stored["_id"] in read else None
        fields = profile.regraded(stored, graded, now, newest=newest)
        if fields is None:
            profile_service.rebuild(db, code=stored["_id"])
        elif not newest and profile.shows_nothing_new(stored, fields):
            unchanged += 1
        else:
            read_at[stored["_id"]] = stored.get("updated_at")
            changes[stored["_id"]] = fields
    profiles.set_unchanged(db, changes, read_at)
    return len(changes) + unchanged
