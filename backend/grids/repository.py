"""The only code that touches the `grid_officers` collection."""

from typing import Any

from pymongo.database import Database

from backend.database import count


def create_indexes(db: Database) -> None:
    db.grid_officers.create_index("district")


def key(district: str, grid: str) -> str:
    return f"{district}|{grid}"


def get(db: Database, *, district: str, grid: str) -> dict[str, Any] | None:
    return db.grid_officers.find_one({"_id": key(district, grid)})


def put(db: Database, document: dict[str, Any]) -> None:
    _id = key(document["district"], document["grid"])
    db.grid_officers.replace_one({"_id": _id}, {**document, "_id": _id}, upsert=True)


def page(db: Database, query: dict[str, Any], *, skip: int, limit: int) -> list[dict[str, Any]]:
    return list(db.grid_officers.find(query).sort([("district", 1), ("grid", 1)]).skip(skip).limit(limit))


def total(db: Database, query: dict[str, Any]) -> int:
    return count(db.grid_officers, query)


def insert_many(db: Database, documents: list[dict[str, Any]]) -> None:
    db.grid_officers.insert_many([{**row, "_id": key(row["district"], row["grid"])}
                                  for row in documents])


def of_officer(db: Database, officer_id: str) -> list[dict[str, Any]]:
    return list(db.grid_officers.find({"officer_id": officer_id}))


def remove(db: Database, grid_id: str, *, officer_id: str) -> bool:
    """Only while the grid still names `officer_id` (one reassigned meanwhile stays)."""
    return db.grid_officers.delete_one({"_id": grid_id, "officer_id": officer_id}).deleted_count == 1
