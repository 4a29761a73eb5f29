"""The only code that touches the `public_profiles` collection."""

from typing import Any

from pymongo import ReplaceOne, UpdateOne
from pymongo.database import Database


def get(db: Database, code: str) -> dict[str, Any] | None:
    return db.public_profiles.find_one({"_id": code})


def save(db: Database, profile: dict[str, Any]) -> None:
    db.public_profiles.replace_one({"_id": profile["_id"]}, profile, upsert=True)


def save_many(db: Database, profiles: list[dict[str, Any]]) -> None:
    if profiles:
        db.public_profiles.bulk_write(
            [ReplaceOne({"_id": p["_id"]}, p, upsert=True) for p in profiles], ordered=False)


def get_many(db: Database, codes: list[str]) -> list[dict[str, Any]]:
    return list(db.public_profiles.find({"_id": {"$in": codes}}))


def set_fields_many(db: Database, changes: list[tuple[str, dict[str, Any]]]) -> None:
    """Replaces some sections of many profiles at once (a bulk regrade), leaving the rest."""
    if changes:
        db.public_profiles.bulk_write([UpdateOne({"_id": code}, {"$set": fields})
                                       for code, fields in changes], ordered=False)


GRADED = {"grades.consumer.band": {"$in": ["A", "B", "C", "D"]}}


def graded_bands(db: Database) -> list[dict[str, Any]]:
    """District, trade and consumer band of every graded business (for the ratings page)."""
    # Whole sections: the embedded server does not project dotted paths.
    return list(db.public_profiles.find(GRADED, {"business": 1, "grades": 1}))


def best_graded(db: Database, query: dict[str, Any], limit: int) -> list[dict[str, Any]]:
    return list(db.public_profiles.find(query | GRADED, {"business": 1, "grades": 1})
                .sort("grades.consumer.score", -1).limit(limit))
