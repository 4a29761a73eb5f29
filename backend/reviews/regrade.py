"""Regrading many businesses at once: reviews and profiles read a chunk of businesses at a time."""

from collections import defaultdict
from datetime import datetime
from typing import Any

from pymongo.database import Database

from backend.profiles import repository as profiles
from backend.profiles import service as profile_service
from backend.reviews import profile, repository

CHUNK = 500
# What a regrade reads of a profile: what `profile.regraded` recomputes from, and the guard. The
# newest reviews (about 40 % of a profile) only when new predictions are to be shown in them.
GRADES_FROM = {"grades": 1, "staff": 1, "inspections": 1, "updated_at": 1}
REGRADED_FROM = GRADES_FROM | {"reviews": 1}


def chunks(codes: list[str]) -> list[list[str]]:
    """Businesses in the groups a regrade (and a backfill) works through: CHUNK at a time."""
    return [codes[start:start + CHUNK] for start in range(0, len(codes), CHUNK)]


def every_business(db: Database) -> list[list[str]]:
    """Every business with reviews, in the parts the daily regrade and a backfill are leased in."""
    return chunks(repository.business_codes(db))


def chunk(db: Database, codes: list[str], now: datetime) -> int:
    """The daily regrade of one chunk of businesses, in three round trips; returns how many were
    regraded. Predictions have not changed (a newly scored review rebuilds its profile), so the
    newest reviews shown are left as they are."""
    return with_reviews(db, codes, repository.for_business_codes(db, codes, profile.since(now)), now,
                        newest=False)


def with_reviews(db: Database, codes: list[str], rows: list[dict[str, Any]], now: datetime, *,
                 newest: bool = True) -> int:
    """Regrades `codes` from `rows` (the grading fields of their reviews in the rule's window):
    one read of their profiles, one bulk write of the fields that change (with `newest`, the
    newest reviews too, with the predictions in `rows`)."""
    by_code: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        by_code[row["business_code"]].append(row)
    changes, read_at = {}, {}
    for stored in profiles.get_many(db, codes, REGRADED_FROM if newest else GRADES_FROM):
        fields = profile.regraded(stored, by_code.get(stored["_id"], []), now, newest=newest)
        if fields is None:
            profile_service.rebuild(db, code=stored["_id"])
        else:
            read_at[stored["_id"]] = stored.get("updated_at")
            changes[stored["_id"]] = fields
    profiles.set_unchanged(db, changes, read_at)
    return len(changes)
