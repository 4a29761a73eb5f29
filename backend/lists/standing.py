"""Where one business stands on the lists today: the entry in the latest published edition."""

from typing import Any

from pymongo.database import Database

from backend.lists import repository


def current_entry(db: Database, *, code: str, list_kind: str) -> dict[str, Any] | None:
    latest = repository.latest_edition(db)
    if latest is None:
        return None
    return repository.entry_for(db, latest["_id"], code, list_kind)


def black_entry(db: Database, *, code: str) -> dict[str, Any] | None:
    return current_entry(db, code=code, list_kind="black")
