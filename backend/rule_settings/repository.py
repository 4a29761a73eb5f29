"""The only code that touches the `settings` collection: one document, `_id` "rules", holding the
administrators' overrides of the domain rules (`values`, field → value), numbered by `version`,
and the version the public pages were last rebuilt for (`profiles_version`). The history of
changes is the audit trail (action "settings.rules", before and after)."""

from datetime import datetime
from typing import Any

from pymongo.database import Database
from pymongo.errors import DuplicateKeyError

RULES = "rules"


def get(db: Database) -> dict[str, Any] | None:
    return db.settings.find_one({"_id": RULES})


def save(db: Database, *, version: int, values: dict[str, Any], at: datetime, by: str) -> bool:
    """Writes version `version` over version `version - 1`; False when another administrator saved
    in between (the version moved on), so that neither silently undoes the other."""
    fields = {"version": version, "values": values, "updated_at": at, "updated_by": by}
    if version == 1:
        try:
            db.settings.insert_one({"_id": RULES, **fields})
        except DuplicateKeyError:
            return False
        return True
    found = db.settings.update_one({"_id": RULES, "version": version - 1}, {"$set": fields})
    return found.matched_count == 1


def profiles_rebuilt(db: Database, *, version: int, shape: str) -> None:
    """Records that the public pages are built with the rules of `version` (never going back)."""
    db.settings.update_one({"_id": RULES, "$or": [{"profiles_version": {"$exists": False}},
                                                  {"profiles_version": {"$lt": version}}]},
                           {"$set": {"profiles_version": version, "profiles_shape": shape}})
