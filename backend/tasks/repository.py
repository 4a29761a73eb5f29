"""The only code that touches the `tasks` and `task_events` collections."""

from typing import Any

from bson import ObjectId
from bson.errors import InvalidId
from pymongo import ASCENDING
from pymongo.database import Database

from backend.database import count


def create_indexes(db: Database) -> None:
    db.tasks.create_index([("district", ASCENDING), ("status", ASCENDING), ("deadline", ASCENDING)])
    db.tasks.create_index([("business_code", ASCENDING), ("deadline", ASCENDING)])
    db.tasks.create_index([("source", ASCENDING), ("ref", ASCENDING)])
    db.task_events.create_index([("task_id", ASCENDING), ("at", ASCENDING)])


def object_id(task_id: str) -> ObjectId | None:
    try:
        return ObjectId(task_id)
    except (InvalidId, TypeError):
        return None


def insert(db: Database, document: dict[str, Any]) -> ObjectId:
    return db.tasks.insert_one(dict(document)).inserted_id


def get(db: Database, task_id: ObjectId) -> dict[str, Any] | None:
    return db.tasks.find_one({"_id": task_id})


def find_by_ref(db: Database, *, source: str, ref: str) -> dict[str, Any] | None:
    return db.tasks.find_one({"source": source, "ref": ref})


def update(db: Database, task_id: ObjectId, *, expected_status: str,
           fields: dict[str, Any]) -> bool:
    """Changes the task only if it is still in `expected_status` (two officers cannot both close it)."""
    result = db.tasks.update_one({"_id": task_id, "status": expected_status}, {"$set": fields})
    return result.modified_count == 1


def transition(db: Database, task_id: ObjectId, *, from_statuses: list[str],
               fields: dict[str, Any], inc: dict[str, int] | None = None) -> bool:
    """Moves the task only if it is still in one of `from_statuses`: of two officers acting at
    once, one wins and the other gets a Conflict. A step that changes nothing (assigning the
    officer it has, an order like the last) still matched: it is done, not refused."""
    update: dict[str, Any] = {"$set": fields}
    if inc:
        update["$inc"] = inc
    result = db.tasks.update_one({"_id": task_id, "status": {"$in": from_statuses}}, update)
    return result.matched_count == 1


def mark(db: Database, task_id: ObjectId, fields: dict[str, Any]) -> None:
    """Facts about the task beside its status (when the business last sent its rectification)."""
    db.tasks.update_one({"_id": task_id}, {"$set": fields})


def set_stages(db: Database, task_id: ObjectId, fields: dict[str, Any]) -> None:
    """Stages for a task stored without them; once (a task that has them keeps its own)."""
    db.tasks.update_one({"_id": task_id, "stages": None}, {"$set": fields})


def find(db: Database, query: dict[str, Any], projection: dict[str, Any] | None = None
         ) -> list[dict[str, Any]]:
    return list(db.tasks.find(query, projection))


def add_event(db: Database, task_id: ObjectId, event: dict[str, Any]) -> None:
    """History is append-only: events are inserted, never updated or removed. The reference is
    kept as a string: the embedded server matches ObjectIds only in `_id`."""
    db.task_events.insert_one({"task_id": str(task_id), **event})


def events(db: Database, task_id: ObjectId) -> list[dict[str, Any]]:
    return list(db.task_events.find({"task_id": str(task_id)}, {"_id": 0, "task_id": 0})
                .sort([("at", ASCENDING), ("_id", ASCENDING)]))


def page(db: Database, query: dict[str, Any], *, skip: int, limit: int) -> list[dict[str, Any]]:
    """Open work first, the nearest deadline first (overdue at the top)."""
    return list(db.tasks.find(query).sort([("status_rank", ASCENDING), ("deadline", ASCENDING),
                                           ("_id", ASCENDING)]).skip(skip).limit(limit))


def total(db: Database, query: dict[str, Any]) -> int:
    return count(db.tasks, query)


def count_closed_by(db: Database, usernames: list[str]) -> int:
    """Tasks these accounts closed, from the append-only history."""
    return count(db.task_events, {"action": "closed", "by": {"$in": usernames}}) if usernames else 0


def assigned_to(db: Database, officer_id: str, statuses: list[str]) -> list[dict[str, Any]]:
    return list(db.tasks.find({"assignee": officer_id, "status": {"$in": statuses}},
                              {"district": 1, "status": 1}))


def release(db: Database, task_id: ObjectId, *, officer_id: str, statuses: list[str]) -> bool:
    """Clears the assignee if it is still `officer_id` and the task still open (a colleague who
    took it over, or closed it, meanwhile keeps it as it is)."""
    result = db.tasks.update_one({"_id": task_id, "assignee": officer_id, "status": {"$in": statuses}},
                                 {"$set": {"assignee": None}})
    return result.modified_count == 1


def open_in_districts(db: Database, districts: list[str], statuses: list[str]) -> list[dict[str, Any]]:
    """The tasks of `districts` still in `statuses`, with their district and assignee."""
    if not districts:
        return []
    return list(db.tasks.find({"district": {"$in": districts}, "status": {"$in": statuses}},
                              {"district": 1, "assignee": 1}))
