"""A business's special equipment for its public profile: the QR page links each piece's own page."""

from typing import Any

from pymongo.database import Database

from backend.equipment import repository

SHOWN = 20  # pieces named on the QR page; the rest are counted (open data lists them all)
_FIELDS = ("code", "kind", "place", "last_maintained_on", "next_inspection_on")


def section(rows: list[dict[str, Any]], *, count: int | None = None) -> dict[str, Any] | None:
    """Pure, so seeding builds it from the rows it writes. None without equipment (no section)."""
    if not rows:
        return None
    shown = sorted(rows, key=lambda row: row["code"])[:SHOWN]
    return {"count": len(rows) if count is None else count,
            "items": [{field: row.get(field) for field in _FIELDS} for row in shown]}


def equipment_summary(db: Database, *, code: str) -> dict[str, Any] | None:
    return section(repository.for_business(db, code, limit=SHOWN),
                   count=repository.total(db, {"business_code": code}))
