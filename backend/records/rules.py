"""When an inspection result is public: published within N working days, public until the next one."""

from datetime import date
from typing import Any

from backend import clock, workdays
from backend.config import get_settings


def publish_by(inspected_on: date) -> date:
    """The last day the result may appear (default 20 working days, 调休 counted)."""
    return workdays.add_working_days(inspected_on, get_settings().inspection_publish_working_days)


def inspection_public(row: dict[str, Any], on: date) -> bool:
    """Public from its recording until the business's next inspection (that day included)."""
    until = clock.from_stored(row.get("superseded_on"))
    return until is None or until > on


def inspection_public_query(on: date) -> dict[str, Any]:
    """The same rule as a MongoDB filter, for listing many inspections at once."""
    return {"$or": [{"superseded_on": None}, {"superseded_on": {"$gt": clock.to_stored(on)}}]}


def published_late(row: dict[str, Any]) -> bool:
    recorded = clock.from_stored(row.get("created_at"))
    inspected = clock.from_stored(row["date"])
    return recorded is not None and inspected is not None and recorded > publish_by(inspected)
