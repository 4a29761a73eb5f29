"""The only code that touches `draw_plans`, `draw_registers` (and their parts) and `draw_conflicts`."""

from datetime import datetime
from typing import Any

from pymongo import ASCENDING, DESCENDING
from pymongo.database import Database
from pymongo.errors import DuplicateKeyError

from backend.database import count


def create_indexes(db: Database) -> None:
    db.draw_plans.create_index([("status", ASCENDING), ("created_at", DESCENDING)])
    db.draw_plans.create_index([("drawn_at", ASCENDING)])
    db.draw_conflicts.create_index([("officer_id", ASCENDING), ("business_code", ASCENDING)],
                                   unique=True)
    db.draw_register_parts.create_index([("plan_id", ASCENDING), ("part", ASCENDING)])


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


def listed(db: Database, statuses: list[str], *, skip: int, limit: int) -> list[dict[str, Any]]:
    cursor = db.draw_plans.find({"status": {"$in": statuses}}, {"drawn": 0})
    return list(cursor.sort([("created_at", DESCENDING), ("_id", DESCENDING)]).skip(skip).limit(limit))


def total_listed(db: Database, statuses: list[str]) -> int:
    return count(db.draw_plans, {"status": {"$in": statuses}})


def waiting(db: Database) -> list[dict[str, Any]]:
    """Plans published and not drawn yet: their registers counted the draws made before them."""
    return list(db.draw_plans.find({"status": "published"},
                                   {"districts": 1, "trades": 1, "published_at": 1, "draw_on": 1},
                                   sort=[("published_at", 1)]))


def drawn_since(db: Database, since: datetime) -> list[dict[str, Any]]:
    return list(db.draw_plans.find({"status": "drawn", "drawn_at": {"$gte": since}},
                                   {"drawn": 1}))


# Businesses of a register stored in one document: about 250 bytes each, so a part stays far
# under MongoDB's 16 MB whatever the plan's scope (a whole city's register was one document).
REGISTER_PART = 20_000


def save_register(db: Database, plan_id: str, register: dict[str, Any]) -> None:
    """The register without its businesses in `draw_registers`, its businesses in parts of
    REGISTER_PART; saving again (a second publish racing) writes the same parts over."""
    entries = register["businesses"]
    parts = [entries[start:start + REGISTER_PART] for start in range(0, len(entries), REGISTER_PART)]
    for part, businesses in enumerate(parts):
        db.draw_register_parts.replace_one(
            {"_id": f"{plan_id}/{part}"},
            {"_id": f"{plan_id}/{part}", "plan_id": plan_id, "part": part, "businesses": businesses},
            upsert=True)
    head = {key: value for key, value in register.items() if key != "businesses"}
    db.draw_registers.replace_one({"_id": plan_id},
                                  {"_id": plan_id, "register": head, "parts": len(parts)}, upsert=True)


def register(db: Database, plan_id: str) -> dict[str, Any] | None:
    """The register as it was saved: the same canonical JSON, so the same hash."""
    stored = db.draw_registers.find_one({"_id": plan_id})
    if stored is None:
        return None
    if "parts" not in stored:  # saved whole, before registers were stored in parts
        return stored["register"]
    rows = db.draw_register_parts.find({"plan_id": plan_id, "part": {"$lt": stored["parts"]}})
    businesses = [entry for row in rows.sort("part", ASCENDING) for entry in row["businesses"]]
    return stored["register"] | {"businesses": businesses}


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
