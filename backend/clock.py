"""Dates as the domain sees them: calendar days, stored in MongoDB as midnight datetimes."""

from datetime import UTC, date, datetime


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
