"""The only code that touches the `evaluations` collection."""

from typing import Any

from bson import ObjectId
from bson.errors import InvalidId
from pymongo import ASCENDING, DESCENDING
from pymongo.database import Database

from backend.database import count

NEWEST_FIRST = [("created_at", DESCENDING), ("_id", DESCENDING)]


def create_indexes(db: Database) -> None:
    # Once per inspection and officer: the database refuses a second one even under a race.
    db.evaluations.create_index([("inspection_id", ASCENDING), ("officer_id", ASCENDING)],
                                unique=True)
    db.evaluations.create_index([("officer_id", ASCENDING), ("created_at", DESCENDING)])
    db.evaluations.create_index([("business_code", ASCENDING), ("created_at", DESCENDING)])
    db.evaluations.create_index([("district", ASCENDING), ("follow_up.status", ASCENDING)])


def object_id(evaluation_id: str) -> ObjectId | None:
    try:
        return ObjectId(evaluation_id)
    except (InvalidId, TypeError):
        return None


def insert(db: Database, document: dict[str, Any]) -> ObjectId:
    return db.evaluations.insert_one(dict(document)).inserted_id


def get(db: Database, evaluation_id: ObjectId) -> dict[str, Any] | None:
    return db.evaluations.find_one({"_id": evaluation_id})


def set_fields(db: Database, evaluation_id: ObjectId, *, unless: str,
               fields: dict[str, Any]) -> bool:
    """Sets `fields` only while `unless` is still unset, so two writers cannot both succeed."""
    result = db.evaluations.update_one({"_id": evaluation_id, unless: None}, {"$set": fields})
    return result.modified_count == 1


def close_follow_up(db: Database, evaluation_id: ObjectId, fields: dict[str, Any]) -> bool:
    result = db.evaluations.update_one({"_id": evaluation_id, "follow_up.status": "open"},
                                       {"$set": fields})
    return result.modified_count == 1


def page(db: Database, query: dict[str, Any], *, skip: int, limit: int,
         sort: list[tuple[str, int]] | None = None) -> list[dict[str, Any]]:
    return list(db.evaluations.find(query).sort(sort or NEWEST_FIRST).skip(skip).limit(limit))


def total(db: Database, query: dict[str, Any]) -> int:
    return count(db.evaluations, query)


def levels_of(db: Database, officer_id: str) -> list[dict[str, Any]]:
    """Just what the profile's counts need, one small row per evaluation."""
    return list(db.evaluations.find({"officer_id": officer_id},
                                    {"_id": 0, "level": 1, "follow_up": 1}))
