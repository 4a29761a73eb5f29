"""The only code that touches `draw_plans`, `draw_registers` and `draw_conflicts`."""

from datetime import datetime
from typing import Any

from pymongo import ASCENDING, DESCENDING
from pymongo.database import Database
from pymongo.errors import DuplicateKeyError


def create_indexes(db: Database) -> None:
    db.draw_plans.create_index([("status", ASCENDING), ("created_at", DESCENDING)])
    db.draw_plans.create_index([("drawn_at", ASCENDING)])
    db.draw_conflicts.create_index([("officer_id", ASCENDING), ("business_code", ASCENDING)],
                                   unique=True)


def insert_plan(db: Database, prefix: str, document: dict[str, Any]) -> str:
    """Numbers plans RD-<year>-001, 002…; the unique `_id` settles two admins creating at once."""
    serial = db.draw_plans.count_documents({"_id": {"$regex": f"^{prefix}"}})
    while True:
        serial += 1
        plan_id = f"{prefix}{serial:03d}"
        try:
            db.draw_plans.insert_one({**document, "_id": plan_id})
            return plan_id
        except DuplicateKeyError:
            continue


def get(db: Database, plan_id: str) -> dict[str, Any] | None:
    return db.draw_plans.find_one({"_id": plan_id})


def update(db: Database, plan_id: str, *, expected_status: str, fields: dict[str, Any]) -> bool:
    """Moves the plan on only from `expected_status`: a plan is published and drawn once."""
    result = db.draw_plans.update_one({"_id": plan_id, "status": expected_status}, {"$set": fields})
    return result.modified_count == 1


def listed(db: Database, statuses: list[str]) -> list[dict[str, Any]]:
    cursor = db.draw_plans.find({"status": {"$in": statuses}}, {"drawn": 0})
    return list(cursor.sort([("created_at", DESCENDING), ("_id", DESCENDING)]).limit(200))


def drawn_since(db: Database, since: datetime) -> list[dict[str, Any]]:
    return list(db.draw_plans.find({"status": "drawn", "drawn_at": {"$gte": since}},
                                   {"drawn": 1}))


def save_register(db: Database, plan_id: str, register: dict[str, Any]) -> None:
    db.draw_registers.replace_one({"_id": plan_id}, {"_id": plan_id, "register": register},
                                  upsert=True)


def register(db: Database, plan_id: str) -> dict[str, Any] | None:
    stored = db.draw_registers.find_one({"_id": plan_id})
    return stored["register"] if stored else None


def add_conflict(db: Database, document: dict[str, Any]) -> bool:
    try:
        db.draw_conflicts.insert_one(dict(document))
    except DuplicateKeyError:
        return False
    return True


def conflicts(db: Database, officer_ids: list[str]) -> list[tuple[str, str]]:
    rows = db.draw_conflicts.find({"officer_id": {"$in": officer_ids}},
                                  {"_id": 0, "officer_id": 1, "business_code": 1})
    return sorted((row["officer_id"], row["business_code"]) for row in rows)
