"""Regrading many businesses at once: reviews and profiles read a chunk of businesses at a time."""

from collections import defaultdict
from collections.abc import Callable
from datetime import datetime

from pymongo.database import Database

from backend import clock
from backend.profiles import repository as profiles
from backend.profiles import service as profile_service
from backend.reviews import profile, repository

CHUNK = 500


def chunk(db: Database, codes: list[str], now: datetime) -> int:
    """Regrades one chunk of businesses in three round trips; returns how many were regraded."""
    rows = repository.for_business_codes(db, codes, profile.since(now))
    by_code: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        by_code[row["business_code"]].append(row)
    changes, read_at = [], {}
    for stored in profiles.get_many(db, codes):
        fields = profile.regraded(stored, by_code.get(stored["_id"], []), now)
        if fields is None:
            profile_service.rebuild(db, code=stored["_id"])
        else:
            read_at[stored["_id"]] = stored.get("updated_at")
            changes.append(stored | fields)
    profiles.replace_unchanged(db, changes, read_at)
    return len(changes)


def all_businesses(db: Database, *, codes: list[str], now: datetime | None = None,
                   progress: Callable[[int], object] = lambda n: None) -> int:
    now = now or clock.now()
    done = 0
    for start in range(0, len(codes), CHUNK):
        done += chunk(db, codes[start:start + CHUNK], now)
        progress(min(CHUNK, len(codes) - start))
    return done
