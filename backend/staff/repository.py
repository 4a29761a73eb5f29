"""The only code that touches the `staff` collection."""

from collections.abc import Iterator
from datetime import datetime
from typing import Any

from pymongo.client_session import ClientSession
from pymongo.database import Database

from backend import business_records


def create_indexes(db: Database) -> None:
    business_records.create_indexes(db.staff, "certificate_expires_on")
    business_records.create_unique_index(
        db.staff, [("business_code", 1), ("health_certificate_number", 1)])


def insert(db: Database, document: dict[str, Any]) -> str:
    return business_records.insert(db.staff, document)


def insert_many(db: Database, documents: list[dict[str, Any]], *,
                session: ClientSession | None = None) -> None:
    business_records.insert_many(db.staff, documents, session=session)


def for_business(db: Database, code: str) -> list[dict[str, Any]]:
    return business_records.for_business(db.staff, code, newest_by="certificate_expires_on")


def expiring_between(db: Database, start: datetime | None, end: datetime) -> Iterator[dict[str, Any]]:
    """Health certificates expiring on a day in [start, end) (from the beginning when start is None)."""
    window: dict[str, Any] = {"$lt": end} if start is None else {"$gte": start, "$lt": end}
    return db.staff.find({"certificate_expires_on": window}).sort("_id", 1)


def renewed(db: Database, member: dict[str, Any]) -> bool:
    """Whether the same person at the business holds a later certificate."""
    return db.staff.find_one({
        "business_code": member["business_code"], "name": member["name"],
        "certificate_expires_on": {"$gt": member["certificate_expires_on"]}}, {"_id": 1}) is not None
