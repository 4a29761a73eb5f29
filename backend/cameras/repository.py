"""The only code that touches the `cameras` and `camera_frames` collections."""

import secrets
from datetime import datetime
from typing import Any

from bson import Binary
from pymongo import ASCENDING, DESCENDING
from pymongo.database import Database

from backend.database import count


def create_indexes(db: Database) -> None:
    db.cameras.create_index([("business_code", ASCENDING)])
    db.cameras.create_index([("public", ASCENDING), ("district", ASCENDING), ("trade", ASCENDING)])
    db.camera_frames.create_index([("camera_id", ASCENDING), ("at", DESCENDING)])


def new_id() -> str:
    return "cam-" + secrets.token_hex(5)


def insert(db: Database, document: dict[str, Any]) -> None:
    db.cameras.insert_one(dict(document))


def get(db: Database, camera_id: str) -> dict[str, Any] | None:
    return db.cameras.find_one({"_id": camera_id})


def update(db: Database, camera_id: str, fields: dict[str, Any]) -> None:
    db.cameras.update_one({"_id": camera_id}, {"$set": fields})


def with_stream(db: Database, code: str, stream_key: str) -> dict[str, Any] | None:
    return db.cameras.find_one({"business_code": code, "stream_key": stream_key}, {"name": 1})


def for_business(db: Database, code: str) -> list[dict[str, Any]]:
    return list(db.cameras.find({"business_code": code}).sort([("name", ASCENDING), ("_id", ASCENDING)]))


def page(db: Database, query: dict[str, Any], *, skip: int, limit: int) -> list[dict[str, Any]]:
    return list(db.cameras.find(query).sort([("district", ASCENDING), ("_id", ASCENDING)])
                .skip(skip).limit(limit))


def total(db: Database, query: dict[str, Any]) -> int:
    return count(db.cameras, query)


def all_ids(db: Database) -> list[str]:
    return [camera["_id"] for camera in db.cameras.find({}, {"_id": 1}).sort("_id", ASCENDING)]


def mark_seen(db: Database, camera_id: str, *, at: datetime, by: str,
              rule_state: dict[str, Any]) -> None:
    """Also keeps the alert rules' memory, so a worker taking the camera over honours cooldowns."""
    db.cameras.update_one({"_id": camera_id}, {"$set": {
        "last_frame_at": at, "status": "online", "watched_by": by, "rule_state": rule_state}})


def mark_offline(db: Database, camera_id: str) -> bool:
    """True only for the call that turned it offline (one alert, however many workers look)."""
    result = db.cameras.update_one({"_id": camera_id, "status": {"$ne": "offline"}},
                                   {"$set": {"status": "offline"}})
    return result.modified_count == 1


def save_frame(db: Database, camera_id: str, *, jpeg: bytes, at: datetime) -> None:
    """The latest public frame (boxes drawn, faces blurred where chosen). A new document, then the
    older ones go: a viewer never finds none, and the embedded server stores binary only on insert."""
    db.camera_frames.insert_one({"camera_id": camera_id, "jpeg": Binary(jpeg), "at": at})
    db.camera_frames.delete_many({"camera_id": camera_id, "at": {"$lt": at}})


def latest_frame(db: Database, camera_id: str) -> dict[str, Any] | None:
    return db.camera_frames.find_one({"camera_id": camera_id}, sort=[("at", DESCENDING)])


def businesses_with_cameras(db: Database) -> list[str]:
    return sorted({camera["business_code"] for camera in db.cameras.find({}, {"business_code": 1})})
