"""Where one business stands on the lists today: the entry in the latest published edition."""

from datetime import datetime
from typing import Any

from pymongo.database import Database

from backend.lists import repository
from backend.repair import repository as repair


def current_entry(db: Database, *, code: str, list_kind: str) -> dict[str, Any] | None:
    latest = repository.latest_edition(db)
    if latest is None:
        return None
    return repository.entry_for(db, latest["_id"], code, list_kind)


def black_entry(db: Database, *, code: str) -> dict[str, Any] | None:
    return current_entry(db, code=code, list_kind="black")


def repaired_on(db: Database, entry: dict[str, Any]) -> datetime | None:
    """When credit repair of a black-list entry was approved: the first approval decided after its
    edition was published (the entry stands in that edition; the next one leaves it out, as
    lists.rules reads the approval). None while none is."""
    edition = repository.edition(db, entry["edition"])
    assert edition is not None, "an entry belongs to a published edition"
    published = edition["published_at"].replace(tzinfo=None)
    return min((row["decided_at"] for row in repair.approved_for(db, entry["business_code"])
                if row["decided_at"] > published), default=None)
