"""The only code that touches the notice outbox and the record of expiry tasks already raised."""

from datetime import datetime
from typing import Any

from pymongo import ASCENDING, DESCENDING
from pymongo.database import Database
from pymongo.errors import DuplicateKeyError

from backend import leases
from backend.database import count


def create_indexes(db: Database) -> None:
    db.notice_outbox.create_index([("status", ASCENDING), ("created_at", ASCENDING)])
    db.notice_outbox.create_index([("business_code", ASCENDING), ("created_at", DESCENDING)])
    db.notice_outbox.create_index([("district", ASCENDING), ("created_at", DESCENDING)])


def add_once(db: Database, collection: str, document: dict[str, Any]) -> bool:
    """Inserts under its unique `_id`; False when it is there already. The unique key, not a
    check before the insert, is what keeps two scanning workers from writing it twice."""
    try:
        db[collection].insert_one(dict(document))
    except DuplicateKeyError:
        return False
    return True


def add_notice(db: Database, notice: dict[str, Any]) -> bool:
    return add_once(db, "notice_outbox", notice)


def claim_task(db: Database, key: str, at: datetime) -> bool:
    return add_once(db, "expiry_tasks", {"_id": key, "at": at})


def reclaim_task(db: Database, key: str, *, stale_before: datetime, at: datetime) -> bool:
    """Takes over a claim whose worker died before creating the task; one taker wins."""
    result = db.expiry_tasks.update_one(
        {"_id": key, "task_id": {"$exists": False}, "at": {"$lt": stale_before}},
        {"$set": {"at": at}})
    return result.modified_count == 1


def set_task(db: Database, key: str, task_id: str) -> None:
    db.expiry_tasks.update_one({"_id": key}, {"$set": {"task_id": task_id}})


def claim_pending(db: Database, *, ttl_s: float) -> dict[str, Any] | None:
    return leases.claim_next(db.notice_outbox, query={"status": "pending"}, ttl_s=ttl_s)


def withdraw_pending(db: Database, code: str, prefix: str) -> int:
    """The notices of business `code` not yet sent whose id starts with `prefix` (a document's key)
    are not to be sent: marked `withdrawn`."""
    ids = [row["_id"] for row in db.notice_outbox.find({"business_code": code, "status": "pending"},
                                                       {"_id": 1}) if row["_id"].startswith(prefix)]
    if not ids:
        return 0
    return db.notice_outbox.update_many({"_id": {"$in": ids}, "status": "pending"},
                                        {"$set": {"status": "withdrawn"}}).modified_count


def mark(db: Database, notice_id: str, fields: dict[str, Any], *,
         retry_at: datetime | None = None) -> None:
    """Records one delivery attempt; a failed notice stays pending, held until `retry_at`."""
    db.notice_outbox.update_one({"_id": notice_id}, {
        "$set": fields | {"lease_until": retry_at, "lease_holder": None}, "$inc": {"attempts": 1}})


def page(db: Database, query: dict[str, Any], *, skip: int, limit: int) -> list[dict[str, Any]]:
    cursor = db.notice_outbox.find(query).sort([("created_at", DESCENDING), ("_id", ASCENDING)])
    return list(cursor.skip(skip).limit(limit))


def total(db: Database, query: dict[str, Any]) -> int:
    return count(db.notice_outbox, query)
