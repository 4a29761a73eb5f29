"""The only code that touches the `staff` collection."""

from typing import Any

from pymongo.client_session import ClientSession
from pymongo.database import Database

from backend import business_records


def create_indexes(db: Database) -> None:
    business_records.create_indexes(db.staff, "certificate_expires_on")


def insert(db: Database, document: dict[str, Any]) -> None:
    business_records.insert(db.staff, document)


def insert_many(db: Database, documents: list[dict[str, Any]], *,
                session: ClientSession | None = None) -> None:
    business_records.insert_many(db.staff, documents, session=session)


def for_business(db: Database, code: str) -> list[dict[str, Any]]:
    return business_records.for_business(db.staff, code, newest_by="certificate_expires_on")
