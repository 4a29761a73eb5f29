"""What the profile's standing section needs besides the records: open objections, list entries."""

from typing import Any

from pymongo.database import Database

from backend.lists import standing as lists
from backend.objections import repository as objections


def inputs(db: Database, *, code: str) -> dict[str, Any]:
    return {"objections": objections.pending_for(db, code),
            "listing": {kind: lists.current_entry(db, code=code, list_kind=kind)
                        for kind in ("black", "red")}}
