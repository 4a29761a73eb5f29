"""The only code that touches the `equipment` collection."""

from datetime import datetime
from typing import Any

from pymongo import ASCENDING
from pymongo.client_session import ClientSession
from pymongo.database import Database

from backend import business_records
from backend.database import count


def create_indexes(db: Database) -> None:
    db.equipment.create_index([("code", ASCENDING)], unique=True)
    db.equipment.create_index([("business_code", ASCENDING), ("code", ASCENDING)])
    db.equipment.create_index([("district", ASCENDING), ("code", ASCENDING)])


def insert(db: Database, document: dict[str, Any]) -> None:
    db.equipment.insert_one(dict(document))


def insert_many(db: Database, documents: list[dict[str, Any]], *,
                session: ClientSession | None = None) -> None:
    business_records.insert_many(db.equipment, documents, session=session)


def get(db: Database, code: str) -> dict[str, Any] | None:
    return db.equipment.find_one({"code": code}, {"_id": 0})


def for_business(db: Database, code: str, *, limit: int) -> list[dict[str, Any]]:
    """The first `limit` pieces of a business's equipment, by code."""
    cursor = db.equipment.find({"business_code": code}, {"_id": 0}).sort([("code", ASCENDING)])
    return list(cursor.limit(limit))


def of_businesses(db: Database, codes: list[str]) -> list[dict[str, Any]]:
    """The equipment of these businesses with its dates (overdue or not is the reader's day)."""
    return list(db.equipment.find({"business_code": {"$in": codes}},
                                  {"_id": 0, "business_code": 1, "code": 1, "created_at": 1,
                                   "last_maintained_on": 1, "next_inspection_on": 1}))


def update(db: Database, code: str, fields: dict[str, Any]) -> None:
    db.equipment.update_one({"code": code}, {"$set": fields})


def search_filter(*, business_code: str = "", district: str = "",
                  overdue_before: tuple[datetime, datetime] | None = None,
                  overdue: bool = True) -> dict[str, Any]:
    """`overdue_before` = (maintained before, inspection due before): either makes it overdue;
    with `overdue` False, the equipment that is not."""
    query: dict[str, Any] = {}
    if business_code:
        query["business_code"] = business_code
    if district:
        query["district"] = district
    if overdue_before:
        maintained, inspection = overdue_before
        late = [{"last_maintained_on": None}, {"last_maintained_on": {"$lt": maintained}},
                {"next_inspection_on": {"$lt": inspection}}]
        wanted = {"$or": late} if overdue else {"$nor": late}
        # $and spelled out: the embedded server drops equalities beside a top-level $or.
        return {"$and": [query, wanted]} if query else wanted
    return query


def page(db: Database, query: dict[str, Any], *, skip: int, limit: int) -> list[dict[str, Any]]:
    cursor = db.equipment.find(query, {"_id": 0}).sort([("code", ASCENDING)])
    return list(cursor.skip(skip).limit(limit))


def total(db: Database, query: dict[str, Any]) -> int:
    return count(db.equipment, query)
