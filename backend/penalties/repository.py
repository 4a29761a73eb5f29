"""The only code that touches the `penalties` collection."""

from datetime import datetime
from typing import Any

from pymongo import DESCENDING
from pymongo.database import Database

from backend import business_records


def create_indexes(db: Database) -> None:
    business_records.create_indexes(db.penalties, "decided_on")
    db.penalties.create_index("decision_number", unique=True)


def insert(db: Database, document: dict[str, Any]) -> None:
    business_records.insert(db.penalties, document)


def public_for_business(db: Database, code: str, on: datetime) -> list[dict[str, Any]]:
    """Decisions still inside their publication period on the given day."""
    cursor = db.penalties.find({"business_code": code, "public_until": {"$gte": on}}, {"_id": 0})
    return list(cursor.sort([("decided_on", DESCENDING)]))
