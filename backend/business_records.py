"""Storage shared by the features whose records hang off one business (licences, staff, checks…)."""

import logging
from typing import Any

from pydantic import BaseModel
from pymongo import ASCENDING, DESCENDING
from pymongo.client_session import ClientSession
from pymongo.collection import Collection
from pymongo.errors import OperationFailure

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
