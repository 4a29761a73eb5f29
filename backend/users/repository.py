"""The only code that touches the `users` collection."""

from typing import Any

from pymongo.database import Database


def create_indexes(db: Database) -> None:
    db.users.create_index("username", unique=True)


def insert(db: Database, document: dict[str, Any]) -> None:
    db.users.insert_one(dict(document))


def get(db: Database, username: str) -> dict[str, Any] | None:
    return db.users.find_one({"username": username}, {"_id": 0})


def count(db: Database) -> int:
    return db.users.estimated_document_count()


def usernames_for_officer(db: Database, officer_id: str) -> list[str]:
    return [row["username"] for row in db.users.find({"officer_id": officer_id}, {"username": 1})]
