"""The only code that touches the `officers` and `units` collections."""

import re
from typing import Any

from pymongo import ReturnDocument
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


def _any_case(record_id: str) -> dict[str, Any]:
    return {"_id": {"$regex": f"^{re.escape(record_id)}$", "$options": "i"}}


def officer_alike(db: Database, officer_id: str) -> str | None:
    """The id of an officer record that is `officer_id` but for case (OF-TH-07 for of-th-07)."""
    row = db.officers.find_one(_any_case(officer_id), {"_id": 1})
    return row["_id"] if row else None


def unit_alike(db: Database, unit_id: str) -> str | None:
    row = db.units.find_one(_any_case(unit_id), {"_id": 1})
    return row["_id"] if row else None


def unit_named(db: Database, name: str, *, other_than: str = "") -> str | None:
    """The id of a unit but `other_than` whose name is `name` but for case and surrounding spaces."""
    query = {"name": {"$regex": rf"^\s*{re.escape(name.strip())}\s*$", "$options": "i"},
             "_id": {"$ne": other_than}}
    row = db.units.find_one(query, {"_id": 1}, sort=[("_id", 1)])
    return row["_id"] if row else None


def get_unit(db: Database, unit_id: str) -> dict[str, Any] | None:
    return db.units.find_one({"_id": unit_id})


def units(db: Database) -> list[dict[str, Any]]:
    return list(db.units.find({}).sort("_id", 1))


def ids_in_unit(db: Database, unit_id: str) -> list[str]:
    return [row["_id"] for row in db.officers.find({"unit_id": unit_id}, {"_id": 1})]


def in_unit(db: Database, unit_id: str) -> list[dict[str, Any]]:
    """The unit's officers in service (those who left are drawn and chosen no more), by id: the
    random draw's officer register must come out in a reproducible order."""
    return list(db.officers.find({"unit_id": unit_id, "left_on": None}).sort("_id", 1))


def page(db: Database, query: dict[str, Any], *, skip: int, limit: int) -> list[dict[str, Any]]:
    cursor = db.officers.find(query).sort([("unit_id", 1), ("badge_number", 1)])
    return list(cursor.skip(skip).limit(limit))


def count_matching(db: Database, query: dict[str, Any]) -> int:
    return count(db.officers, query)


def unit_names(db: Database) -> dict[str, str]:
    return {row["_id"]: row["name"] for row in db.units.find({}, {"name": 1})}


def update_officer(db: Database, officer_id: str, fields: dict[str, Any]) -> dict[str, Any] | None:
    """The record after the change; None for an unknown officer."""
    return db.officers.find_one_and_update({"_id": officer_id}, {"$set": fields},
                                           return_document=ReturnDocument.AFTER)


def update_unit(db: Database, unit_id: str, fields: dict[str, Any]) -> dict[str, Any] | None:
    """The unit after the change; None for an unknown unit."""
    return db.units.find_one_and_update({"_id": unit_id}, {"$set": fields},
                                        return_document=ReturnDocument.AFTER)


def units_page(db: Database, *, skip: int, limit: int) -> list[dict[str, Any]]:
    return list(db.units.find({}).sort("_id", 1).skip(skip).limit(limit))


def count_units(db: Database) -> int:
    return count(db.units, {})


def units_covering(db: Database, districts: list[str]) -> list[dict[str, Any]]:
    return list(db.units.find({"districts": {"$in": districts}}))


def in_service_by_unit(db: Database) -> dict[str, int]:
    found: dict[str, int] = {}
    for row in db.officers.find({"left_on": None}, {"unit_id": 1}):
        found[row["unit_id"]] = found.get(row["unit_id"], 0) + 1
    return found
