"""The only code that touches `repair_applications`, `penalty_fulfilments` and `evidence_files`."""

from typing import Any

from bson import ObjectId
from bson.errors import InvalidId
from pymongo import ASCENDING, DESCENDING
from pymongo.database import Database

from backend.database import count


def create_indexes(db: Database) -> None:
    db.repair_applications.create_index([("business_code", ASCENDING), ("filed_at", DESCENDING)])
    db.repair_applications.create_index([("district", ASCENDING), ("status", ASCENDING),
                                         ("decide_by", ASCENDING)])
    db.penalty_fulfilments.create_index("business_code")


def object_id(value: str) -> ObjectId | None:
    try:
        return ObjectId(value)
    except (InvalidId, TypeError):
        return None


def insert(db: Database, document: dict[str, Any]) -> str:
    return str(db.repair_applications.insert_one(dict(document)).inserted_id)


def get(db: Database, application_id: str) -> dict[str, Any] | None:
    oid = object_id(application_id)
    return None if oid is None else db.repair_applications.find_one({"_id": oid})


def decide(db: Database, application_id: str, changes: dict[str, Any]) -> dict[str, Any] | None:
    """Only a pending application can be decided: two officers at once cannot both decide it."""
    return db.repair_applications.find_one_and_update(
        {"_id": ObjectId(application_id), "status": "pending"}, {"$set": changes},
        return_document=True)


def page(db: Database, query: dict[str, Any], *, skip: int, limit: int) -> list[dict[str, Any]]:
    """Pending first, the decision due soonest first; then the decided, newest decision first."""
    return list(db.repair_applications.find(query)
                .sort([("status_rank", ASCENDING), ("decided_at", DESCENDING), ("decide_by", ASCENDING),
                       ("_id", ASCENDING)]).skip(skip).limit(limit))


def total(db: Database, query: dict[str, Any]) -> int:
    return count(db.repair_applications, query)


def open_for(db: Database, code: str) -> dict[str, Any] | None:
    return db.repair_applications.find_one({"business_code": code, "status": "pending"})


def approved_for(db: Database, code: str) -> list[dict[str, Any]]:
    return list(db.repair_applications.find({"business_code": code, "status": "approved"}))


def fulfil(db: Database, document: dict[str, Any]) -> None:
    db.penalty_fulfilments.replace_one({"_id": document["_id"]}, document, upsert=True)


def fulfilled_numbers(db: Database, code: str) -> set[str]:
    return {row["_id"] for row in db.penalty_fulfilments.find({"business_code": code}, {"_id": 1})}


def fulfilments_of(db: Database, code: str) -> dict[str, dict[str, Any]]:
    """The business's recorded fulfilments, by decision number."""
    return {row["_id"]: row for row in db.penalty_fulfilments.find({"business_code": code})}


def insert_file(db: Database, document: dict[str, Any]) -> str:
    return str(db.evidence_files.insert_one(dict(document)).inserted_id)


def delete_files(db: Database, business_code: str, file_ids: list[str]) -> None:
    oids = [oid for oid in map(object_id, file_ids) if oid is not None]
    if oids:
        db.evidence_files.delete_many({"_id": {"$in": oids}, "business_code": business_code})


def get_file(db: Database, file_id: str) -> dict[str, Any] | None:
    oid = object_id(file_id)
    return None if oid is None else db.evidence_files.find_one({"_id": oid})


def approvals(db: Database) -> dict[str, Any]:
    """Each business's latest approved repair time (a small set: approvals are rare)."""
    latest: dict[str, Any] = {}
    for row in db.repair_applications.find({"status": "approved"},
                                           {"business_code": 1, "decided_at": 1}):
        code = row["business_code"]
        latest[code] = max(latest.get(code, row["decided_at"]), row["decided_at"])
    return latest
