"""The only code that touches the `complaints` collection."""

from typing import Any

from bson import ObjectId
from bson.errors import InvalidId
from pymongo.database import Database


def create_indexes(db: Database) -> None:
    db.complaints.create_index("tracking_code", unique=True)
    db.complaints.create_index("district")


def insert(db: Database, document: dict[str, Any]) -> ObjectId:
    return db.complaints.insert_one(dict(document)).inserted_id


def by_code(db: Database, tracking_code: str) -> dict[str, Any] | None:
    return db.complaints.find_one({"tracking_code": tracking_code})


def by_id(db: Database, complaint_id: str) -> dict[str, Any] | None:
    try:
        return db.complaints.find_one({"_id": ObjectId(complaint_id)})
    except (InvalidId, TypeError):
        return None


def set_fields(db: Database, complaint_id: ObjectId, fields: dict[str, Any],
               *, where: dict[str, Any] | None = None) -> bool:
    """Only while `where` still holds: a second reopen or rating at the same moment loses."""
    result = db.complaints.update_one({"_id": complaint_id, **(where or {})}, {"$set": fields})
    return result.modified_count == 1


def feedback_rows(db: Database) -> list[dict[str, Any]]:
    return list(db.complaints.find({"feedback": {"$ne": None}}, {"district": 1, "feedback": 1}))


def latest(db: Database, limit: int) -> list[dict[str, Any]]:
    return list(db.complaints.find({}, {"tracking_code": 1, "business_name": 1, "district": 1})
                .sort("received_at", -1).limit(limit))
