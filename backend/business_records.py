"""Storage shared by the features whose records hang off one business (licences, staff, checks…)."""

import logging
from typing import Any

from bson import ObjectId
from bson.errors import InvalidId
from pydantic import BaseModel, Field
from pymongo import ASCENDING, DESCENDING
from pymongo.client_session import ClientSession
from pymongo.collection import Collection
from pymongo.errors import DuplicateKeyError, OperationFailure

from backend.clean_text import Text
from backend.clock import Instant

log = logging.getLogger(__name__)


def create_indexes(collection: Collection, date_field: str) -> None:
    collection.create_index([("business_code", ASCENDING), (date_field, DESCENDING)])


def create_unique_index(collection: Collection, keys: list[tuple[str, int]]) -> None:
    """A record's natural key, so an identical record sent twice is refused (DuplicateKeyError).
    A database that already holds duplicates keeps working without it until they are removed."""
    try:
        collection.create_index(keys, unique=True)
    except OperationFailure as exc:
        log.warning("%s holds duplicate records (%s); `python -m backend duplicates` lists and "
                    "withdraws them, then new ones are refused.",
                    collection.name, exc)


class Recorded(BaseModel):
    """What the writer of such a record gets back, besides the record as stored: its id, its
    business and when it was recorded."""

    id: str
    business_code: str
    created_at: Instant   # UTC, written with its offset like every time the API answers


def insert(collection: Collection, document: dict[str, Any]) -> str:
    """Stores a copy of the document; answers the new record's id."""
    return str(collection.insert_one(dict(document)).inserted_id)


def insert_many(collection: Collection, documents: list[dict[str, Any]], *,
                session: ClientSession | None = None) -> None:
    """Bulk loading (demo and scale data): order does not matter, so the server need not keep it."""
    if documents:
        collection.insert_many(documents, ordered=False, session=session)


def for_business(collection: Collection, code: str, *, newest_by: str,
                 limit: int = 0) -> list[dict[str, Any]]:
    cursor = collection.find({"business_code": code}, {"_id": 0}).sort(
        [(newest_by, DESCENDING), ("created_at", DESCENDING)])
    return list(cursor.limit(limit) if limit else cursor)


# A record entered by mistake (a typo'd number, a wrong expiry day, a person who never worked
# there) is withdrawn (撤回): kept whole in `withdrawn_<collection>`, with who withdrew it, when and
# why, and taken out of the live collection, which is all that pages, lists and scans read.

class Withdrawal(BaseModel):
    """Why a record is withdrawn: kept with it and in the audit trail."""

    reason: Text = Field(min_length=2, max_length=500)


class Withdrawn(BaseModel):
    """What the withdrawer gets back: the record's id, and who withdrew it, when and why."""

    id: str
    business_code: str
    reason: str
    withdrawn_by: str
    withdrawn_at: Instant


def withdraw(collection: Collection, record: dict[str, Any], withdrawal: dict[str, Any]) -> bool:
    """Moves `record` into the withdrawn records with `withdrawal` (at, by, reason); False when
    another request withdrew it first. It is kept before it leaves the live collection, so a
    request cut short between the two steps loses nothing (the next withdrawal finishes it); the
    copy kept is the record as it was when it left (a renewal a moment before included)."""
    kept = collection.database[f"withdrawn_{collection.name}"]
    try:
        kept.insert_one(record | {"withdrawal": withdrawal})
    except DuplicateKeyError:
        pass  # kept by a withdrawal cut short, or under way at this moment
    removed = collection.find_one_and_delete({"_id": record["_id"]})
    if removed is None:
        return False
    kept.replace_one({"_id": removed["_id"]}, removed | {"withdrawal": withdrawal}, upsert=True)
    return True


def with_ids(collection: Collection, code: str, *, newest_by: str) -> list[dict[str, Any]]:
    """As `for_business`, with each record's `_id`, for the business and its officers to act on."""
    return list(collection.find({"business_code": code}).sort(
        [(newest_by, DESCENDING), ("created_at", DESCENDING)]))


def _oid(record_id: str) -> ObjectId | None:
    try:
        return ObjectId(record_id)
    except (InvalidId, TypeError):
        return None


def get(collection: Collection, code: str, record_id: str) -> dict[str, Any] | None:
    """Business `code`'s live record with this id (as a page or the API gives it), if there is one."""
    oid = _oid(record_id)
    return None if oid is None else collection.find_one({"_id": oid, "business_code": code})


def withdrawn(collection: Collection, code: str, record_id: str) -> dict[str, Any] | None:
    """The withdrawn record of business `code` with this id, if there is one."""
    oid = _oid(record_id)
    return None if oid is None else collection.database[f"withdrawn_{collection.name}"].find_one(
        {"_id": oid, "business_code": code})
