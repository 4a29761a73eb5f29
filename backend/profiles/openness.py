"""What the profile's standing section needs besides the records: open objections, list entries."""

from typing import Any

from pymongo.database import Database

from backend.lists import standing as lists
from backend.objections import repository as objections


def inputs(db: Database, *, code: str) -> dict[str, Any]:
    """A black-list entry whose credit repair is approved says so (`repaired_on`): the business
    stays listed until the next edition, and its page tells the reader why it will leave."""
    black, red = (lists.current_entry(db, code=code, list_kind=kind) for kind in ("black", "red"))
    if black is not None:
        black |= {"repaired_on": lists.repaired_on(db, black)}
    return {"objections": objections.pending_for(db, code), "listing": {"black": black, "red": red}}
