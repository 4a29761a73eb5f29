"""The only code that touches `list_criteria`, `list_editions` and `list_entries`.

Editions and their entries are insert-only: nothing here updates or deletes them."""

from typing import Any

from pymongo import ASCENDING, DESCENDING
from pymongo.cursor import Cursor
from pymongo.database import Database

from backend.database import count


def create_indexes(db: Database) -> None:
    db.list_entries.create_index([("edition", ASCENDING), ("list", ASCENDING),
                                  ("business_code", ASCENDING)], unique=True)
    db.list_entries.create_index([("business_code", ASCENDING), ("edition", DESCENDING)])


def latest_criteria(db: Database) -> dict[str, Any] | None:
    return db.list_criteria.find_one({}, sort=[("_id", DESCENDING)])


def criteria_version(db: Database, version: int) -> dict[str, Any] | None:
    return db.list_criteria.find_one({"_id": version})


def criteria_history(db: Database, *, skip: int, limit: int) -> tuple[int, list[dict[str, Any]]]:
    """Saved versions, newest first (`_id` is the version: unique, so the order is stable)."""
    rows = db.list_criteria.find({}).sort("_id", DESCENDING).skip(skip).limit(limit)
    return count(db.list_criteria, {}), list(rows)


def insert_criteria(db: Database, document: dict[str, Any]) -> None:
    """`_id` is the version number: two administrators saving at once cannot share one."""
    db.list_criteria.insert_one(dict(document))


def latest_edition(db: Database) -> dict[str, Any] | None:
    return db.list_editions.find_one({}, sort=[("_id", DESCENDING)])


def edition(db: Database, number: int) -> dict[str, Any] | None:
    return db.list_editions.find_one({"_id": number})


def editions(db: Database, *, skip: int, limit: int) -> list[dict[str, Any]]:
    return list(db.list_editions.find({}).sort("_id", DESCENDING).skip(skip).limit(limit))


def count_editions(db: Database) -> int:
    return count(db.list_editions, {})


def edition_for_cut_off(db: Database, cut_off: Any) -> dict[str, Any] | None:
    return db.list_editions.find_one({"cut_off": cut_off})


def insert_edition(db: Database, document: dict[str, Any], entries: list[dict[str, Any]]) -> None:
    """Entries first, the edition last: an edition is visible only once all its entries are in.
    The edition's `_id` is its number, so a second publisher of the same number fails here."""
    if entries:
        db.list_entries.insert_many([dict(entry) for entry in entries], ordered=False)
    db.list_editions.insert_one(dict(document))


def discard_entries(db: Database, number: int) -> None:
    """Clears entries left by a publisher that lost the race for this number (never a published one)."""
    if db.list_editions.find_one({"_id": number}) is None:
        db.list_entries.delete_many({"edition": number})


def entries(db: Database, number: int, *, list_kind: str | None = None) -> Cursor:
    query: dict[str, Any] = {"edition": number}
    if list_kind:
        query["list"] = list_kind
    return db.list_entries.find(query, {"_id": 0}).sort([("list", ASCENDING),
                                                         ("business_code", ASCENDING)])


def entries_page(db: Database, number: int, *, list_kind: str | None, skip: int,
                 limit: int) -> tuple[int, list[dict[str, Any]]]:
    query: dict[str, Any] = {"edition": number} | ({"list": list_kind} if list_kind else {})
    rows = entries(db, number, list_kind=list_kind).skip(skip).limit(limit)
    return count(db.list_entries, query), list(rows)


def entry_for(db: Database, number: int, code: str, list_kind: str) -> dict[str, Any] | None:
    return db.list_entries.find_one({"edition": number, "business_code": code, "list": list_kind},
                                    {"_id": 0})
