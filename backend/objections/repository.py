"""The only code that touches the `objections` collection."""

from typing import Any

from bson import ObjectId
from pymongo import ASCENDING, DESCENDING
from pymongo.database import Database
from pymongo.errors import DuplicateKeyError

from backend.database import count
from backend.repair.repository import object_id


def create_indexes(db: Database) -> None:
    db.objections.create_index([("business_code", ASCENDING), ("status", ASCENDING)])
    db.objections.create_index([("district", ASCENDING), ("status", ASCENDING),
                                ("answer_by", ASCENDING)])


def insert(db: Database, document: dict[str, Any]) -> str:
    return str(db.objections.insert_one(dict(document)).inserted_id)


def _lock_id(code: str, kind: str, record_id: str) -> str:
    return f"{code}:{kind}:{record_id}"


def lock(db: Database, code: str, kind: str, record_id: str) -> bool:
    """Claims "one open objection per record" by inserting its `_id`: two filings at the same
    moment cannot both win (an insert either happens or raises, on both servers)."""
    try:
        db.objection_locks.insert_one({"_id": _lock_id(code, kind, record_id)})
    except DuplicateKeyError:
        return False
    return True


def unlock(db: Database, code: str, kind: str, record_id: str) -> None:
    db.objection_locks.delete_one({"_id": _lock_id(code, kind, record_id)})


def get(db: Database, objection_id: str) -> dict[str, Any] | None:
    oid = object_id(objection_id)
    return None if oid is None else db.objections.find_one({"_id": oid})


def decide(db: Database, objection_id: str, changes: dict[str, Any]) -> dict[str, Any] | None:
    return db.objections.find_one_and_update(
        {"_id": ObjectId(objection_id), "status": "pending"}, {"$set": changes},
        return_document=True)


def page(db: Database, query: dict[str, Any], *, skip: int, limit: int) -> list[dict[str, Any]]:
    """Pending first, the answer due soonest first; then the answered, newest answer first."""
    return list(db.objections.find(query).sort([("status_rank", ASCENDING), ("decided_at", DESCENDING),
                                                ("answer_by", ASCENDING), ("_id", ASCENDING)])
                .skip(skip).limit(limit))


def total(db: Database, query: dict[str, Any]) -> int:
    return count(db.objections, query)


def pending_for(db: Database, code: str) -> list[dict[str, Any]]:
    return list(db.objections.find({"business_code": code, "status": "pending"}))


def evidence_ids(db: Database, code: str) -> set[str]:
    """The evidence file ids the business's objections carry."""
    return {item["file_id"] for row in db.objections.find({"business_code": code}, {"evidence": 1})
            for item in row.get("evidence", []) if item.get("file_id")}


def pending_page(db: Database, code: str, *, skip: int, limit: int) -> tuple[int, list[dict[str, Any]]]:
    """The business's pending objections, the answer due soonest first (then by record, and by
    id: the same order on every page)."""
    query = {"business_code": code, "status": "pending"}
    rows = db.objections.find(query).sort([("answer_by", ASCENDING), ("record_kind", ASCENDING),
                                           ("record_id", ASCENDING), ("_id", ASCENDING)])
    return count(db.objections, query), list(rows.skip(skip).limit(limit))
