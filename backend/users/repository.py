"""The only code that touches the `users` collection."""

from typing import Any

from pymongo import ReturnDocument
from pymongo.database import Database
from pymongo.errors import DuplicateKeyError

from backend.database import count
from backend.users.schemas import username_key

_UNSHOWN_KEY = {"_id": 0, "username_key": 0}


def create_indexes(db: Database) -> None:
    db.users.create_index("username", unique=True)
    # One account per name whatever its case. Sparse: accounts stored before the key was kept get
    # it from a migration, which leaves out (and reports) names that differ only in case.
    db.users.create_index("username_key", unique=True, sparse=True)
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
    db.users.insert_one(dict(document) | {"username_key": username_key(document["username"])})


def get(db: Database, username: str) -> dict[str, Any] | None:
    """The account named `username` in any case: its exact name first (two accounts stored before
    names were compared without case both stay reachable), else by the case-folded key."""
    return (db.users.find_one({"username": username}, _UNSHOWN_KEY)
            or db.users.find_one({"username_key": username_key(username)}, _UNSHOWN_KEY))


def fill_keys(db: Database) -> list[str]:
    """Gives accounts stored before it their case-folded key (once each; running it again changes
    nothing). The names that differ only in case from an account that has the key already are
    left without one, and returned: each still signs in by its exact name."""
    clashes = []
    for row in db.users.find({"username_key": None}, {"username": 1}).sort("username", 1):
        try:
            db.users.update_one({"_id": row["_id"]},
                                {"$set": {"username_key": username_key(row["username"])}})
        except DuplicateKeyError:
            clashes.append(row["username"])
    return clashes


def total(db: Database) -> int:
    return db.users.estimated_document_count()


def usernames_for_officer(db: Database, officer_id: str) -> list[str]:
    return [row["username"] for row in db.users.find({"officer_id": officer_id}, {"username": 1})]


_SHOWN = {"_id": 0, "password_hash": 0, "username_key": 0}  # a listing never carries the hash


def update(db: Database, username: str, fields: dict[str, Any], *,
           new_credentials: bool = False) -> dict[str, Any] | None:
    """The account after the change (None for an unknown one); `new_credentials` moves its
    credentials version on, so every token and session issued before stops working."""
    change: dict[str, Any] = {"$set": fields} if fields else {}
    if new_credentials:
        change["$inc"] = {"credentials": 1}
    return db.users.find_one_and_update({"username": username}, change, projection=_UNSHOWN_KEY,
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
