"""The only code that touches `repair_applications`, `penalty_fulfilments`, `evidence_files` and
`evidence_claims`."""

from collections.abc import Iterator
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
    db.evidence_files.create_index([("business_code", ASCENDING), ("uploaded_at", ASCENDING)])
    db.evidence_files.create_index("uploaded_at")


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


def get_file(db: Database, file_id: str) -> dict[str, Any] | None:
    oid = object_id(file_id)
    return None if oid is None else db.evidence_files.find_one({"_id": oid})


def file_names(db: Database, business_code: str, file_ids: list[str]) -> dict[str, str]:
    """The business's own files among `file_ids`, by id: their names as uploaded."""
    oids = [oid for oid in map(object_id, file_ids) if oid is not None]
    if not oids:
        return {}
    rows = db.evidence_files.find({"_id": {"$in": oids}, "business_code": business_code}, {"file_name": 1})
    return {str(row["_id"]): row["file_name"] for row in rows}


# Which files an application or objection carries is kept beside the files, in
# `evidence_claims` (one document per file, its id the file's): the embedded server keeps a
# `*_files` collection's documents as inserted and drops updates to them.


def claim_files(db: Database, business_code: str, file_ids: list[str], by: str) -> None:
    """Records the files as carried by `by` ("repair:<id>", "objection:<id>")."""
    for file_id in file_ids:
        db.evidence_claims.replace_one({"_id": file_id}, {"_id": file_id, "business_code": business_code,
                                                          "by": by}, upsert=True)


def _claimed(db: Database, file_ids: list[str]) -> set[str]:
    return {row["_id"] for row in db.evidence_claims.find({"_id": {"$in": file_ids}}, {"_id": 1})} \
        if file_ids else set()


def unclaimed_of(db: Database, business_code: str) -> list[dict[str, Any]]:
    """The business's files that nothing carries, oldest first: ids and upload times (a business
    has a few dozen files at most: those waiting are limited, and applications are rare)."""
    rows: list[dict[str, Any]] = list(db.evidence_files.find({"business_code": business_code},
                                                             {"uploaded_at": 1})
                .sort([("uploaded_at", ASCENDING), ("_id", ASCENDING)]))
    return _unclaimed(db, rows)


def unclaimed_before(db: Database, cutoff: Any, *, batch: int = 500) -> Iterator[list[dict[str, Any]]]:
    """Files uploaded before `cutoff` that nothing carries, a batch at a time: their ids,
    businesses and names."""
    rows: list[dict[str, Any]] = []
    cursor = db.evidence_files.find({"uploaded_at": {"$lt": cutoff}}, {"business_code": 1, "file_name": 1})
    for row in cursor.sort([("uploaded_at", ASCENDING), ("_id", ASCENDING)]):
        rows.append(row)
        if len(rows) == batch:
            yield _unclaimed(db, rows)
            rows = []
    if rows:
        yield _unclaimed(db, rows)


def _unclaimed(db: Database, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    claimed = _claimed(db, [str(row["_id"]) for row in rows])
    return [row for row in rows if str(row["_id"]) not in claimed]


def delete_files(db: Database, file_ids: list[str]) -> int:
    oids = [oid for oid in map(object_id, file_ids) if oid is not None]
    return db.evidence_files.delete_many({"_id": {"$in": oids}}).deleted_count if oids else 0


def evidence_ids(db: Database, business_code: str) -> set[str]:
    """The file ids the business's applications carry (a business files a few)."""
    return {item["file_id"] for row in db.repair_applications.find({"business_code": business_code},
                                                                   {"evidence": 1})
            for item in row.get("evidence", []) if item.get("file_id")}


def approvals(db: Database) -> dict[str, Any]:
    """Each business's latest approved repair time (a small set: approvals are rare)."""
    latest: dict[str, Any] = {}
    for row in db.repair_applications.find({"status": "approved"},
                                           {"business_code": 1, "decided_at": 1}):
        code = row["business_code"]
        latest[code] = max(latest.get(code, row["decided_at"]), row["decided_at"])
    return latest
