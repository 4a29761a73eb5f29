"""The only code that touches the `inspections` collection."""

from collections.abc import Iterator
from datetime import date, datetime
from typing import Any

from bson import ObjectId
from bson.errors import InvalidId
from pymongo import DESCENDING
from pymongo.client_session import ClientSession
from pymongo.database import Database
from pymongo.errors import DuplicateKeyError

from backend import business_records
from backend.database import count
from backend.records import rules

NEWEST_FIRST = [("date", DESCENDING), ("created_at", DESCENDING)]  # same day: last recorded first


def create_indexes(db: Database) -> None:
    business_records.create_indexes(db.inspections, "date")
    db.inspections.create_index([("officer_ids", 1), ("date", DESCENDING)])
    # Sparse: bulk-loaded (demo and scale) inspections carry no fingerprint.
    db.inspections.create_index("fingerprint", unique=True, sparse=True)
    db.inspections.create_index("draw_plan_id", sparse=True)


def fingerprint(document: dict[str, Any]) -> str:
    """What makes two inspections the same one: business, day, officers (in any order), result."""
    return "|".join((document["business_code"], document["date"].date().isoformat(),
                     ",".join(sorted(document["officer_ids"])), document["result"]))


def fingerprint_missing(db: Database) -> tuple[int, int]:
    """Inspections stored before fingerprints (or bulk-loaded) get theirs, so an identical one
    recorded later is refused; one whose identical twin still stands is left without. Returns
    (given, left)."""
    given = left = 0
    for row in db.inspections.find({"fingerprint": {"$exists": False}},
                                   {"business_code": 1, "date": 1, "officer_ids": 1, "result": 1},
                                   batch_size=1000):
        try:
            db.inspections.update_one({"_id": row["_id"]},
                                      {"$set": {"fingerprint": fingerprint(row)}})
            given += 1
        except DuplicateKeyError:
            left += 1
    return given, left


def by_fingerprint(db: Database, fingerprint: str) -> dict[str, Any] | None:
    return db.inspections.find_one({"fingerprint": fingerprint})


def insert(db: Database, document: dict[str, Any]) -> str:
    result = db.inspections.insert_one(dict(document) | {"superseded_on": None})
    return str(result.inserted_id)


def supersede(db: Database, *, code: str, day: datetime, inspection_id: str) -> datetime | None:
    """A result is public until the business's next inspection: the new one ends the earlier
    ones' publication, and is itself already superseded if a later one was recorded before it."""
    new = ObjectId(inspection_id)
    # $and spelled out: beside a top-level $or the embedded server drops the other conditions
    # (and would supersede every business's inspections).
    db.inspections.update_many(
        {"$and": [{"business_code": code, "date": {"$lt": day}},
                  {"$or": [{"superseded_on": None}, {"superseded_on": {"$gt": day}}]}]},
        {"$set": {"superseded_on": day}})
    later = db.inspections.find_one({"business_code": code, "date": {"$gt": day}},
                                    {"date": 1}, sort=[("date", 1)])
    if later is None:
        return None
    db.inspections.update_one({"_id": new}, {"$set": {"superseded_on": later["date"]}})
    return later["date"]


def insert_many(db: Database, documents: list[dict[str, Any]], *,
                session: ClientSession | None = None) -> None:
    business_records.insert_many(db.inspections, documents, session=session)


def latest_for_business(db: Database, code: str, limit: int) -> list[dict[str, Any]]:
    cursor = db.inspections.find({"business_code": code}).sort(NEWEST_FIRST)
    return list(cursor.limit(limit))


def for_draw_plan(db: Database, plan_id: str) -> list[dict[str, Any]]:
    """The inspections recorded for a random-draw plan's tasks, newest first (one query a plan)."""
    return list(db.inspections.find({"draw_plan_id": plan_id},
                                    {"business_code": 1, "date": 1, "result": 1, "off_draw": 1})
                .sort(NEWEST_FIRST))


def page_for_business(db: Database, code: str, *, skip: int, limit: int) -> list[dict[str, Any]]:
    return list(db.inspections.find({"business_code": code}).sort(NEWEST_FIRST).skip(skip).limit(limit))


def count_for_business(db: Database, code: str) -> int:
    return count(db.inspections, {"business_code": code})


def count_by_officer(db: Database, officer_id: str) -> int:
    return count(db.inspections, {"officer_ids": officer_id})


def latest_by_officer(db: Database, officer_id: str, limit: int, *,
                      public_on: date | None = None) -> list[dict[str, Any]]:
    """With `public_on`: only results still public that day (not superseded by a later one)."""
    query: dict[str, Any] = {"officer_ids": officer_id}
    if public_on is not None:  # spelled as $and: the embedded server mis-combines $or and equalities
        query = {"$and": [query, rules.inspection_public_query(public_on)]}
    cursor = db.inspections.find(query, {"_id": 0}).sort(NEWEST_FIRST)
    return list(cursor.limit(limit))


def get(db: Database, inspection_id: str) -> dict[str, Any] | None:
    """By its id as the public pages show it (a string); None when malformed or unknown."""
    try:
        oid = ObjectId(inspection_id)
    except (InvalidId, TypeError):
        return None
    return db.inspections.find_one({"_id": oid})


def outcomes_by_officers(db: Database, officer_ids: list[str],
                         since: datetime) -> list[dict[str, Any]]:
    """Just what the consistency figure needs: who, which business, what result."""
    return list(db.inspections.find(
        {"officer_ids": {"$in": officer_ids}, "date": {"$gte": since}},
        {"_id": 0, "business_code": 1, "result": 1, "officer_ids": 1}))


def belongs_to(db: Database, inspection_id: str, code: str) -> bool:
    try:
        oid = ObjectId(inspection_id)
    except (InvalidId, TypeError):
        return False
    return db.inspections.find_one({"_id": oid, "business_code": code}, {"_id": 1}) is not None


def dated_between(db: Database, since: datetime, until: datetime) -> Iterator[dict[str, Any]]:
    """Date and result of every inspection in the window, grouped by business (bulk rules)."""
    return db.inspections.find({"date": {"$gte": since, "$lte": until}},
                               {"_id": 0, "business_code": 1, "date": 1, "result": 1}
                               ).sort([("business_code", 1)])
