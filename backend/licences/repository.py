"""The only code that touches the `licences` collection."""

from collections.abc import Iterator
from datetime import datetime
from typing import Any

from pymongo.client_session import ClientSession
from pymongo.database import Database

from backend import business_records
from backend.licences.schemas import superseded


def create_indexes(db: Database) -> None:
    business_records.create_indexes(db.licences, "issued_on")
    # The same licence sent twice is one licence; a renewal under the same number has a new day.
    business_records.create_unique_index(
        db.licences, [("business_code", 1), ("kind", 1), ("number", 1), ("issued_on", 1)])


def insert(db: Database, document: dict[str, Any]) -> str:
    return business_records.insert(db.licences, document)


def insert_many(db: Database, documents: list[dict[str, Any]], *,
                session: ClientSession | None = None) -> None:
    business_records.insert_many(db.licences, documents, session=session)


def for_business(db: Database, code: str) -> list[dict[str, Any]]:
    return business_records.for_business(db.licences, code, newest_by="issued_on")


def with_ids(db: Database, code: str) -> list[dict[str, Any]]:
    return business_records.with_ids(db.licences, code, newest_by="issued_on")


def get(db: Database, code: str, licence_id: str) -> dict[str, Any] | None:
    return business_records.get(db.licences, code, licence_id)


def withdraw(db: Database, licence: dict[str, Any], withdrawal: dict[str, Any]) -> bool:
    """Out of every page, list and scan, kept among the withdrawn (`business_records.withdraw`)."""
    return business_records.withdraw(db.licences, licence, withdrawal)


def withdrawn(db: Database, code: str, licence_id: str) -> dict[str, Any] | None:
    return business_records.withdrawn(db.licences, code, licence_id)


def of_businesses(db: Database, codes: list[str]) -> list[dict[str, Any]]:
    """Every licence of these businesses, the fields that say whether it is held and in force."""
    return list(db.licences.find({"business_code": {"$in": codes}},
                                 {"_id": 0, "business_code": 1, "kind": 1, "number": 1,
                                  "issued_on": 1, "expires_on": 1}))


def expiring_between(db: Database, start: datetime | None, end: datetime) -> Iterator[dict[str, Any]]:
    """Licences expiring on a day in [start, end) (from the beginning when start is None)."""
    window: dict[str, Any] = {"$lt": end} if start is None else {"$gte": start, "$lt": end}
    return db.licences.find({"expires_on": window}).sort("_id", 1)


def renewed(db: Database, licence: dict[str, Any]) -> bool:
    """Whether a later issue of the same licence replaces it (`schemas.superseded`)."""
    same = db.licences.find({"business_code": licence["business_code"], "kind": licence["kind"],
                             "number": licence["number"]}, {"_id": 0, "kind": 1, "number": 1, "issued_on": 1})
    return superseded(licence, list(same))


def reissued(db: Database, code: str, number: str, expires_on: datetime) -> bool:
    """Whether the licence numbered `number` that expires on `expires_on` has been replaced by a
    later issue since (an expiry warning about it is then out of date)."""
    rows = list(db.licences.find({"business_code": code, "number": number},
                                 {"_id": 0, "kind": 1, "number": 1, "issued_on": 1, "expires_on": 1}))
    return any(superseded(row, rows) for row in rows if row.get("expires_on") == expires_on)
