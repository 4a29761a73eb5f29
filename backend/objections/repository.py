"""The only code that touches the `objections` collection."""

from typing import Any

from bson import ObjectId
from pymongo import ASCENDING, DESCENDING
from pymongo.database import Database

from backend.repair.repository import object_id


def create_indexes(db: Database) -> None:
    db.objections.create_index([("business_code", ASCENDING), ("status", ASCENDING)])
    db.objections.create_index([("district", ASCENDING), ("status", ASCENDING),
                                ("answer_by", ASCENDING)])


def insert(db: Database, document: dict[str, Any]) -> str:
    return str(db.objections.insert_one(dict(document)).inserted_id)


def get(db: Database, objection_id: str) -> dict[str, Any] | None:
    oid = object_id(objection_id)
    return None if oid is None else db.objections.find_one({"_id": oid})


def decide(db: Database, objection_id: str, changes: dict[str, Any]) -> dict[str, Any] | None:
    return db.objections.find_one_and_update(
        {"_id": ObjectId(objection_id), "status": "pending"}, {"$set": changes},
        return_document=True)


def find(db: Database, query: dict[str, Any], *, limit: int = 200) -> list[dict[str, Any]]:
    cursor = db.objections.find(query).sort([("status", DESCENDING), ("answer_by", ASCENDING)])
    return list(cursor.limit(limit))


def pending_for(db: Database, code: str) -> list[dict[str, Any]]:
    return list(db.objections.find({"business_code": code, "status": "pending"}))


def pending_on(db: Database, code: str, kind: str, record_id: str) -> dict[str, Any] | None:
    return db.objections.find_one({"business_code": code, "record_kind": kind,
                                   "record_id": record_id, "status": "pending"})
