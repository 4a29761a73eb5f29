"""The only code that touches the `users` collection."""

from typing import Any

from pymongo import ReturnDocument
from pymongo.database import Database

from backend.database import count


def create_indexes(db: Database) -> None:
    db.users.create_index("username", unique=True)
    db.sessions.create_index("expires_at", expireAfterSeconds=0)
    db.sessions.create_index("username")


def insert_session(db: Database, document: dict[str, Any]) -> None:
    db.sessions.insert_one(dict(document))


def get_session(db: Database, session_id: str) -> dict[str, Any] | None:
    return db.sessions.find_one({"_id": session_id})


def delete_session(db: Database, session_id: str) -> None:
    db.sessions.delete_one({"_id": session_id})


def delete_sessions_of(db: Database, username: str, *, keep: str | None = None) -> int:
    """Ends every session of `username` (but `keep`, the one in use, when given)."""
    query: dict[str, Any] = {"username": username}
    if keep:
        query["_id"] = {"$ne": keep}
    return db.sessions.delete_many(query).deleted_count


def set_session_credentials(db: Database, session_id: str, credentials: int) -> None:
    db.sessions.update_one({"_id": session_id}, {"$set": {"credentials": credentials}})


def delete_sessions_before(db: Database, instant: Any) -> int:
    return db.sessions.delete_many({"expires_at": {"$lte": instant}}).deleted_count


def insert(db: Database, document: dict[str, Any]) -> None:
    db.users.insert_one(dict(document))


def get(db: Database, username: str) -> dict[str, Any] | None:
    return db.users.find_one({"username": username}, {"_id": 0})


def total(db: Database) -> int:
    return db.users.estimated_document_count()


def usernames_for_officer(db: Database, officer_id: str) -> list[str]:
    return [row["username"] for row in db.users.find({"officer_id": officer_id}, {"username": 1})]


_SHOWN = {"_id": 0, "password_hash": 0}  # a listing never carries the hash


def update(db: Database, username: str, fields: dict[str, Any], *,
           new_credentials: bool = False) -> dict[str, Any] | None:
    """The account after the change (None for an unknown one); `new_credentials` moves its
    credentials version on, so every token and session issued before stops working."""
    change: dict[str, Any] = {"$set": fields}
    if new_credentials:
        change["$inc"] = {"credentials": 1}
    return db.users.find_one_and_update({"username": username}, change, projection={"_id": 0},
                                        return_document=ReturnDocument.AFTER)


def page(db: Database, query: dict[str, Any], *, skip: int, limit: int) -> list[dict[str, Any]]:
    return list(db.users.find(query, _SHOWN).sort("username", 1).skip(skip).limit(limit))


def count_matching(db: Database, query: dict[str, Any]) -> int:
    return count(db.users, query)


def enabled_admins(db: Database) -> list[str]:
    return [row["username"] for row in db.users.find({"role": "admin", "disabled": {"$ne": True}},
                                                     {"username": 1})]


def for_officer(db: Database, officer_id: str) -> list[dict[str, Any]]:
    return list(db.users.find({"officer_id": officer_id}, _SHOWN))
