"""The only code that touches the `public_profiles` collection."""

from datetime import date
from typing import Any

from pymongo import ASCENDING, DESCENDING, ReplaceOne, UpdateOne
from pymongo.database import Database

from backend import clock
from backend.database import count


def create_indexes(db: Database) -> None:
    db.public_profiles.create_index([("standing.until", ASCENDING)])
    # the open-data listing by grade (GET /businesses?consumerGrade=A…)
    for band in ("grades.consumer.band", "standing.grade.band", "standing.risk.band"):
        db.public_profiles.create_index([(band, ASCENDING)])
    # The ratings (/ratings): a band's businesses by score, everywhere, in a district, a trade or
    # both; each counted from its index. Each led by the band, which has an index of its own, so
    # the embedded server needs no other (see indexes.create_lookup_indexes).
    for scope in ([], ["business.district"], ["business.trade"], ["business.district", "business.trade"]):
        db.public_profiles.create_index([("grades.consumer.band", ASCENDING)]
                                        + [(path, ASCENDING) for path in scope]
                                        + [("grades.consumer.score", DESCENDING)])


def get(db: Database, code: str) -> dict[str, Any] | None:
    """The profile as published: without the grade basis, which only regrades read."""
    return db.public_profiles.find_one({"_id": code}, {"grade_basis": 0})


def save(db: Database, profile: dict[str, Any]) -> None:
    db.public_profiles.replace_one({"_id": profile["_id"]}, profile, upsert=True)


def save_many(db: Database, profiles: list[dict[str, Any]]) -> None:
    if profiles:
        db.public_profiles.bulk_write(
            [ReplaceOne({"_id": p["_id"]}, p, upsert=True) for p in profiles], ordered=False)


def set_fields(db: Database, changes: dict[str, dict[str, Any]], *, batch: int = 1000) -> None:
    """`$set` on many profiles, in bulk writes of `batch`; profiles that do not exist are skipped."""
    updates = [UpdateOne({"_id": code}, {"$set": fields}) for code, fields in changes.items()]
    for start in range(0, len(updates), batch):
        db.public_profiles.bulk_write(updates[start:start + batch], ordered=False)


def get_many(db: Database, codes: list[str],
             fields: dict[str, int] | None = None) -> list[dict[str, Any]]:
    return list(db.public_profiles.find({"_id": {"$in": codes}}, fields))


def set_unchanged(db: Database, changes: dict[str, dict[str, Any]], read_at: dict[str, Any]) -> None:
    """`$set` on many profiles (a bulk regrade: only the fields it recomputes), each only if nobody
    rebuilt it since it was read: a rebuild in between already holds fresher sections and grades."""
    if changes:
        db.public_profiles.bulk_write(
            [UpdateOne({"_id": code, "updated_at": read_at[code]}, {"$set": fields})
             for code, fields in changes.items()], ordered=False)


def _in_band(band: str, district: str, trade: str) -> dict[str, Any]:
    """A consumer band's profiles, in a district and trade where given. `$eq`, not a bare value:
    the embedded server counts a bare equality on a nested field as "equal, or an array holding
    it", which no index serves (counting one band read every profile); `$eq` it compares as a
    value, which the ratings' indexes serve. MongoDB answers both alike."""
    scope = {"grades.consumer.band": band, "business.district": district, "business.trade": trade}
    return {path: {"$eq": value} for path, value in scope.items() if value}


def count_in_band(db: Database, *, band: str, district: str, trade: str) -> int:
    """Answered from one of the ratings' indexes, without reading a profile."""
    return count(db.public_profiles, _in_band(band, district, trade))


# What a ratings row shows: the business section, and of the grades the consumer grade's figures.
RANKED = {"business": 1,
          **{f"grades.consumer.{field}": 1 for field in ("band", "score", "reviews_counted")}}


def ranked_in_band(db: Database, *, band: str, district: str, trade: str, lowest_first: bool,
                   skip: int, limit: int) -> list[dict[str, Any]]:
    """A page of one band's profiles by consumer score (highest first, or lowest), then by code:
    read in the order of the ratings' indexes, so a page reads its rows and those it skips."""
    return list(db.public_profiles.find(_in_band(band, district, trade), RANKED)
                .sort([("grades.consumer.score", ASCENDING if lowest_first else DESCENDING),
                       ("_id", ASCENDING)]).skip(skip).limit(limit))


def risk_levels(db: Database, codes: list[str]) -> dict[str, str | None]:
    """Each business's current risk level (A–D) from its profile's standing section."""
    rows = db.public_profiles.find({"_id": {"$in": codes}}, {"standing": 1})
    return {row["_id"]: ((row.get("standing") or {}).get("risk") or {}).get("band") for row in rows}


def every_code(db: Database) -> list[str]:
    """Every business with a public page, in code order."""
    return [row["_id"] for row in db.public_profiles.find({}, {"_id": 1}).sort("_id", 1)]


def standing_due(db: Database, on: date) -> list[str]:
    """The businesses whose standing (quantified grade, risk level) runs out by `on`."""
    return [row["_id"] for row in db.public_profiles.find(
        {"standing.until": {"$lte": clock.to_stored(on)}}, {"_id": 1}).sort("_id", 1)]


# The grades a listing row shows: each band with its score, and whether an objection is open.
LISTED_GRADES = {"grades.consumer.band": 1, "grades.consumer.score": 1,
                 **{f"standing.{part}.{field}": 1 for part in ("grade", "risk")
                    for field in ("band", "score", "pending")}}


def grade_filter(*, consumer: list[str], quantified: list[str], risk: list[str]) -> dict[str, Any]:
    """Profiles whose consumer grade, quantified grade (face) and risk level are each among those
    given (any, where none is given)."""
    paths = {"grades.consumer.band": consumer, "standing.grade.band": quantified,
             "standing.risk.band": risk}
    return {path: {"$in": bands} for path, bands in paths.items() if bands}


def grades_of(db: Database, codes: list[str],
              query: dict[str, Any] | None = None) -> dict[str, dict[str, Any]]:
    """The listed grades of these businesses (only those also matching `query`), by code: one read."""
    if not codes:
        return {}
    return {row["_id"]: row for row in db.public_profiles.find(
        {"_id": {"$in": codes}} | (query or {}), LISTED_GRADES, batch_size=len(codes))}


def _in_scope(query: dict[str, Any], district: str, trade: str) -> dict[str, Any]:
    scope = {"business.district": district, "business.trade": trade}
    return query | {path: value for path, value in scope.items() if value}


def graded_page(db: Database, query: dict[str, Any], *, district: str, trade: str, skip: int,
                limit: int) -> list[dict[str, Any]]:
    """A page of the profiles matching `query` in a district and trade, by name then code: each
    with its business section and listed grades."""
    return list(db.public_profiles.find(_in_scope(query, district, trade),
                                        {"business": 1} | LISTED_GRADES)
                .sort([("business.name", ASCENDING), ("_id", ASCENDING)]).skip(skip).limit(limit))


def count_graded(db: Database, query: dict[str, Any], *, district: str, trade: str) -> int:
    return count(db.public_profiles, _in_scope(query, district, trade))
