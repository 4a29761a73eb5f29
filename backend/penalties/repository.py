"""The only code that touches the `penalties` collection."""

from collections.abc import Iterator
from datetime import datetime
from typing import Any

from pymongo.client_session import ClientSession
from pymongo.database import Database

from backend import business_records


def create_indexes(db: Database) -> None:
    business_records.create_indexes(db.penalties, "decided_on")
    db.penalties.create_index("decision_number", unique=True)


def insert(db: Database, document: dict[str, Any]) -> None:
    business_records.insert(db.penalties, document)


def insert_many(db: Database, documents: list[dict[str, Any]], *,
                session: ClientSession | None = None) -> None:
    business_records.insert_many(db.penalties, documents, session=session)


def for_business(db: Database, code: str) -> list[dict[str, Any]]:
    """All of a business's decisions; which are still public is the profile builder's call."""
    return business_records.for_business(db.penalties, code, newest_by="decided_on")


def by_number(db: Database, decision_number: str) -> dict[str, Any] | None:
    return db.penalties.find_one({"decision_number": decision_number}, {"_id": 0})


def dated_between(db: Database, since: datetime, until: datetime) -> Iterator[dict[str, Any]]:
    return db.penalties.find({"decided_on": {"$gte": since, "$lte": until}},
                             {"_id": 0, "business_code": 1, "decided_on": 1, "measures": 1,
                              "fine_yuan": 1, "decision_number": 1})
