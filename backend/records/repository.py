"""Read-only queries over published inspections and penalties for the open-data listings.

The inspections and penalties features own and write these collections; this module only reads
them, with the filters the public pages offer, in pages or as one streamed cursor."""

from collections.abc import Iterator
from datetime import date
from typing import Any

from pymongo import DESCENDING
from pymongo.database import Database

from backend import clock
from backend.database import count
from backend.penalties.schemas import still_public_query
from backend.records import rules


def _common(district: str, trade: str, date_field: str, date_from: date | None,
            date_to: date | None) -> dict[str, Any]:
    query: dict[str, Any] = {}
    if district:
        query["district"] = district
    if trade:
        query["trade"] = trade
    span: dict[str, Any] = {}
    if date_from:
        span["$gte"] = clock.to_stored(date_from)
    if date_to:
        span["$lte"] = clock.to_stored(date_to)
    if span:
        query[date_field] = span
    return query


def inspection_filter(*, on: date, district: str = "", trade: str = "", result: str = "",
                      date_from: date | None = None, date_to: date | None = None) -> dict[str, Any]:
    """Public: not yet superseded by the business's next inspection (see records.rules)."""
    query = _common(district, trade, "date", date_from, date_to)
    if result:
        query["result"] = result
    current = rules.inspection_public_query(on)
    # Spelled as $and: the embedded server mis-combines a top-level $or with some equalities.
    return {"$and": [query, current]} if query else current


def penalty_filter(*, on: date, district: str = "", trade: str = "", measure: str = "",
                   date_from: date | None = None, date_to: date | None = None) -> dict[str, Any]:
    query = _common(district, trade, "decided_on", date_from, date_to) | still_public_query(on)
    if measure:
        query["measures"] = measure
    return query


def inspections(db: Database, query: dict[str, Any], *, skip: int = 0,
                limit: int = 0) -> Iterator[dict[str, Any]]:
    cursor = db.inspections.find(query).sort([("date", DESCENDING), ("_id", DESCENDING)])
    return cursor.skip(skip).limit(limit)


def penalties(db: Database, query: dict[str, Any], *, skip: int = 0,
              limit: int = 0) -> Iterator[dict[str, Any]]:
    cursor = db.penalties.find(query, {"_id": 0}).sort([("decided_on", DESCENDING),
                                                       ("decision_number", DESCENDING)])
    return cursor.skip(skip).limit(limit)


def count_inspections(db: Database, query: dict[str, Any]) -> int:
    return count(db.inspections, query)


def count_penalties(db: Database, query: dict[str, Any]) -> int:
    return count(db.penalties, query)


def inspection_facets(db: Database, query: dict[str, Any]) -> Iterator[dict[str, Any]]:
    return db.inspections.find(query, {"_id": 0, "date": 1, "result": 1, "trade": 1})


def penalty_facets(db: Database, query: dict[str, Any]) -> Iterator[dict[str, Any]]:
    return db.penalties.find(query, {"_id": 0, "decided_on": 1, "measures": 1, "trade": 1})
