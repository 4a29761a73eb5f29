"""The only code that touches the `penalties` collection."""

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
