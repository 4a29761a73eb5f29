"""The only code that touches the `officers` and `units` collections."""

from typing import Any

from pymongo.database import Database

from backend.database import count


def create_indexes(db: Database) -> None:
    db.officers.create_index("badge_number", unique=True)
    db.officers.create_index("unit_id")


def insert_unit(db: Database, document: dict[str, Any]) -> None:
    db.units.insert_one(dict(document))


def insert_officer(db: Database, document: dict[str, Any]) -> None:
    db.officers.insert_one(dict(document))


def get(db: Database, officer_id: str) -> dict[str, Any] | None:
    return db.officers.find_one({"_id": officer_id})


def get_many(db: Database, officer_ids: list[str]) -> list[dict[str, Any]]:
    return list(db.officers.find({"_id": {"$in": officer_ids}}))


def get_unit(db: Database, unit_id: str) -> dict[str, Any] | None:
    return db.units.find_one({"_id": unit_id})


def units(db: Database) -> list[dict[str, Any]]:
    return list(db.units.find({}).sort("_id", 1))


def ids_in_unit(db: Database, unit_id: str) -> list[str]:
    return [row["_id"] for row in db.officers.find({"unit_id": unit_id}, {"_id": 1})]


def in_unit(db: Database, unit_id: str) -> list[dict[str, Any]]:
    """By id: the random draw's officer register must come out in a reproducible order."""
    return list(db.officers.find({"unit_id": unit_id}).sort("_id", 1))


def page(db: Database, query: dict[str, Any], *, skip: int, limit: int) -> list[dict[str, Any]]:
    cursor = db.officers.find(query).sort([("unit_id", 1), ("badge_number", 1)])
    return list(cursor.skip(skip).limit(limit))


def count_matching(db: Database, query: dict[str, Any]) -> int:
    return count(db.officers, query)


def unit_names(db: Database) -> dict[str, str]:
    return {row["_id"]: row["name"] for row in db.units.find({}, {"name": 1})}
