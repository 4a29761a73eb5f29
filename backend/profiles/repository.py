"""The only code that touches the `public_profiles` collection."""

from typing import Any

from pymongo import ReplaceOne
from pymongo.database import Database


def get(db: Database, code: str) -> dict[str, Any] | None:
    return db.public_profiles.find_one({"_id": code})


def save(db: Database, profile: dict[str, Any]) -> None:
    db.public_profiles.replace_one({"_id": profile["_id"]}, profile, upsert=True)


def save_many(db: Database, profiles: list[dict[str, Any]]) -> None:
    if profiles:
        db.public_profiles.bulk_write(
            [ReplaceOne({"_id": p["_id"]}, p, upsert=True) for p in profiles], ordered=False)


def risk_levels(db: Database, codes: list[str]) -> dict[str, str | None]:
    """Each business's current risk level (A–D) from its profile's standing section."""
    rows = db.public_profiles.find({"_id": {"$in": codes}}, {"standing": 1})
    return {row["_id"]: ((row.get("standing") or {}).get("risk") or {}).get("band") for row in rows}
