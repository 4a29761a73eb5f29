"""The only code that touches the `businesses` collection."""

import re
from typing import Any

from pymongo import ASCENDING
from pymongo.client_session import ClientSession
from pymongo.database import Database

from backend import business_records
from backend.database import count

PUBLIC_FIELDS = {"_id": 0, "code": 1, "name": 1, "trade": 1, "address": 1, "district": 1,
                 "grid": 1, "location": 1}


def create_indexes(db: Database) -> None:
    db.businesses.create_index([("code", ASCENDING)], unique=True)
    db.businesses.create_index([("district", ASCENDING), ("trade", ASCENDING), ("name", ASCENDING)])
    db.businesses.create_index([("trade", ASCENDING), ("name", ASCENDING)])
    db.businesses.create_index([("name", ASCENDING)])


def insert(db: Database, document: dict[str, Any]) -> None:
    db.businesses.insert_one(dict(document))


def insert_many(db: Database, documents: list[dict[str, Any]], *,
                session: ClientSession | None = None) -> None:
    business_records.insert_many(db.businesses, documents, session=session)


def get(db: Database, code: str) -> dict[str, Any] | None:
    return db.businesses.find_one({"code": code}, {"_id": 0})


def search_filter(*, text: str = "", district: str = "", trade: str = "") -> dict[str, Any]:
    """Name, address or credit code containing `text` (literal, case-insensitive)."""
    query: dict[str, Any] = {}
    if text:
        pattern = {"$regex": re.escape(text), "$options": "i"}
        query["$or"] = [{"name": pattern}, {"address": pattern}, {"code": pattern}]
    if district:
        query["district"] = district
    if trade:
        query["trade"] = trade
    return query


def search(db: Database, query: dict[str, Any], *, skip: int, limit: int) -> list[dict[str, Any]]:
    cursor = db.businesses.find(query, PUBLIC_FIELDS).sort([("name", ASCENDING), ("code", ASCENDING)])
    return list(cursor.skip(skip).limit(limit))


def count_matching(db: Database, query: dict[str, Any]) -> int:
    return count(db.businesses, query)


def districts(db: Database) -> list[str]:
    return sorted(db.businesses.distinct("district"))


def fields_of(db: Database, codes: list[str], fields: tuple[str, ...]) -> dict[str, dict[str, Any]]:
    """A few fields of many businesses at once, by code."""
    projection = {"_id": 0, "code": 1} | dict.fromkeys(fields, 1)
    return {row["code"]: row for row in db.businesses.find({"code": {"$in": codes}}, projection)}


def get_many(db: Database, codes: list[str]) -> list[dict[str, Any]]:
    return list(db.businesses.find({"code": {"$in": codes}}, {"_id": 0}))
