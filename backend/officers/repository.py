"""The only code that touches the `officers` and `units` collections."""

from typing import Any

from pymongo.database import Database


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


def in_unit(db: Database, unit_id: str) -> list[dict[str, Any]]:
    return list(db.officers.find({"unit_id": unit_id}).sort("_id", 1))
