"""Dates as the domain sees them: calendar days, stored in MongoDB as midnight datetimes."""

from datetime import UTC, date, datetime
from typing import Annotated

from pydantic import PlainSerializer, WithJsonSchema


def today() -> date:
    return date.today()


def now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def to_stored(day: date | None) -> datetime | None:
    """MongoDB has no date-only type; a day is kept as its midnight."""
    return None if day is None else datetime(day.year, day.month, day.day)


def from_stored(value: datetime | date | None) -> date | None:
    if value is None:
        return None
    return value.date() if isinstance(value, datetime) else value


def _rfc3339(value: datetime) -> str:
    """Stored times are naive UTC; published ones say so (RFC 3339, as the API document states)."""
    return (value if value.tzinfo else value.replace(tzinfo=UTC)).isoformat()


# A moment in a published record: serialised with its UTC offset.
Instant = Annotated[datetime, PlainSerializer(_rfc3339, return_type=str, when_used="json"),
                    WithJsonSchema({"type": "string", "format": "date-time"}, mode="serialization")]
