"""The only code that touches the `alerts` collection and the evidence snapshots (GridFS)."""

from datetime import datetime
from typing import Any

import gridfs
from bson import ObjectId
from bson.errors import InvalidId
from pymongo import ASCENDING, DESCENDING
from pymongo.database import Database

from backend.database import count

BUCKET = "alert_snapshots"


def create_indexes(db: Database) -> None:
    db.alerts.create_index([("district", ASCENDING), ("status", ASCENDING), ("at", DESCENDING)])
    db.alerts.create_index([("business_code", ASCENDING), ("at", DESCENDING)])
    db.alerts.create_index([("kind", ASCENDING), ("status", ASCENDING)])


def object_id(alert_id: str) -> ObjectId | None:
    try:
        return ObjectId(alert_id)
    except (InvalidId, TypeError):
        return None


def insert(db: Database, document: dict[str, Any]) -> ObjectId:
    return db.alerts.insert_one(dict(document)).inserted_id


def get(db: Database, alert_id: ObjectId) -> dict[str, Any] | None:
    return db.alerts.find_one({"_id": alert_id})


def decide(db: Database, alert_id: ObjectId, *, expected_status: str, fields: dict[str, Any]) -> bool:
    """Changes the alert only if nobody decided on it meanwhile (two officers, one decision)."""
    return db.alerts.update_one({"_id": alert_id, "status": expected_status},
                                {"$set": fields}).modified_count == 1


def update(db: Database, alert_id: ObjectId, fields: dict[str, Any]) -> None:
    db.alerts.update_one({"_id": alert_id}, {"$set": fields})


def page(db: Database, query: dict[str, Any], *, skip: int, limit: int) -> list[dict[str, Any]]:
    """Newest first: the queue is worked from what just happened."""
    return list(db.alerts.find(query).sort([("at", DESCENDING), ("_id", DESCENDING)])
                .skip(skip).limit(limit))


def total(db: Database, query: dict[str, Any]) -> int:
    return count(db.alerts, query)


def save_snapshot(db: Database, jpeg: bytes, *, alert_id: ObjectId) -> str:
    """The file's id as a string: alerts refer to it, and the embedded server matches ObjectIds
    only in `_id`."""
    return str(gridfs.GridFS(db, collection=BUCKET).put(jpeg, filename=f"{alert_id}.jpg"))


def snapshot(db: Database, file_id: str) -> bytes | None:
    try:
        return gridfs.GridFS(db, collection=BUCKET).get(ObjectId(file_id)).read()
    except (gridfs.errors.NoFile, InvalidId):
        return None


def save_clip(db: Database, jpegs: list[bytes], *, alert_id: ObjectId) -> list[str]:
    """The frames leading up to the alert, oldest first, in the snapshots' bucket."""
    bucket = gridfs.GridFS(db, collection=BUCKET)
    return [str(bucket.put(jpeg, filename=f"{alert_id}-{index}.jpg")) for index, jpeg in enumerate(jpegs)]


def clips_before(db: Database, cutoff: datetime) -> list[dict[str, Any]]:
    return list(db.alerts.find({"at": {"$lt": cutoff}, "clip_frames": {"$gt": 0}},
                               {"clip_ids": 1}))


def delete_clip(db: Database, alert: dict[str, Any]) -> None:
    bucket = gridfs.GridFS(db, collection=BUCKET)
    for file_id in alert.get("clip_ids") or []:
        bucket.delete(ObjectId(file_id))
    db.alerts.update_one({"_id": alert["_id"]}, {"$set": {"clip_ids": [], "clip_frames": 0}})


def snapshots_before(db: Database, cutoff: datetime) -> list[str]:
    """Found through the alerts: the embedded server's GridFS keeps no queryable file dates."""
    return [row["snapshot_id"] for row in db.alerts.find(
        {"at": {"$lt": cutoff}, "snapshot_id": {"$type": "string"}}, {"snapshot_id": 1})]


def delete_snapshot(db: Database, file_id: str) -> None:
    gridfs.GridFS(db, collection=BUCKET).delete(ObjectId(file_id))
    db.alerts.update_many({"snapshot_id": file_id}, {"$set": {"snapshot_id": None, "has_snapshot": False}})


def newest_detection(db: Database) -> dict[str, Any] | None:
    return db.alerts.find_one({"model": {"$type": "string"}}, {"model": 1, "version": 1},
                              sort=[("at", DESCENDING)])
