"""The only code that touches the `users` collection."""

from typing import Any

from pymongo.database import Database


def create_indexes(db: Database) -> None:
    db.users.create_index("username", unique=True)
    db.sessions.create_index("expires_at", expireAfterSeconds=0)


def insert_session(db: Database, document: dict[str, Any]) -> None:
    db.sessions.insert_one(dict(document))


def get_session(db: Database, session_id: str) -> dict[str, Any] | None:
    return db.sessions.find_one({"_id": session_id})


def delete_session(db: Database, session_id: str) -> None:
    db.sessions.delete_one({"_id": session_id})


def delete_sessions_before(db: Database, instant: Any) -> int:
    return db.sessions.delete_many({"expires_at": {"$lte": instant}}).deleted_count


def insert(db: Database, document: dict[str, Any]) -> None:
    db.users.insert_one(dict(document))


def get(db: Database, username: str) -> dict[str, Any] | None:
    return db.users.find_one({"username": username}, {"_id": 0})


def count(db: Database) -> int:
    return db.users.estimated_document_count()


def usernames_for_officer(db: Database, officer_id: str) -> list[str]:
    return [row["username"] for row in db.users.find({"officer_id": officer_id}, {"username": 1})]
