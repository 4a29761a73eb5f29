"""The only code that touches the `purchases` and `rapid_tests` collections."""

from typing import Any

from pymongo.client_session import ClientSession
from pymongo.database import Database

from backend import business_records


def create_indexes(db: Database) -> None:
    business_records.create_indexes(db.purchases, "purchased_on")
    business_records.create_indexes(db.rapid_tests, "tested_on")


def insert_purchase(db: Database, document: dict[str, Any]) -> str:
    return business_records.insert(db.purchases, document)


def insert_rapid_test(db: Database, document: dict[str, Any]) -> str:
    return business_records.insert(db.rapid_tests, document)


def insert_many_purchases(db: Database, documents: list[dict[str, Any]], *,
                          session: ClientSession | None = None) -> None:
    business_records.insert_many(db.purchases, documents, session=session)


def insert_many_rapid_tests(db: Database, documents: list[dict[str, Any]], *,
                            session: ClientSession | None = None) -> None:
    business_records.insert_many(db.rapid_tests, documents, session=session)


def latest_purchases(db: Database, code: str, limit: int) -> list[dict[str, Any]]:
    return business_records.for_business(db.purchases, code, newest_by="purchased_on", limit=limit)


def latest_rapid_tests(db: Database, code: str, limit: int) -> list[dict[str, Any]]:
    return business_records.for_business(db.rapid_tests, code, newest_by="tested_on", limit=limit)
