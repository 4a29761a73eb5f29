"""Time as the domain sees it: instants stored as naive UTC; calendar days (today, deadlines) on the
municipality's clock (MINGLIANG_TIMEZONE); a day stored in MongoDB as its midnight datetime."""

from datetime import UTC, date, datetime, time
from functools import cache
from typing import Annotated
from zoneinfo import ZoneInfo

from pydantic import PlainSerializer, WithJsonSchema

from backend.config import get_settings


def today() -> date:
    """Today on the municipality's clock (MINGLIANG_TIMEZONE), whatever the server's own zone."""
    return datetime.now(zone()).date()


def now() -> datetime:
    """Naive UTC, to the millisecond: what the database stores of a time, so a record answered
    from memory when written says the same time as when it is read back."""
    instant = datetime.now(UTC).replace(tzinfo=None)
    return instant.replace(microsecond=instant.microsecond // 1000 * 1000)


def day_of(instant: datetime) -> date:
    """The municipality's calendar day of a stored instant: a review written at 7 a.m. in Guangzhou
    (23:00 UTC the day before) is that day's, and deadlines count from it."""
    return local(instant).date()


def end_of_day(day: date) -> datetime:
    """When a deadline on `day` has passed: the day's last second on the municipality's clock, as
    a stored instant (naive UTC), so "overdue" starts at local midnight."""
    return datetime.combine(day, time(23, 59, 59), tzinfo=zone()).astimezone(UTC).replace(tzinfo=None)


def local(instant: datetime) -> datetime:
    """A stored instant (naive UTC) on the municipality's clock (MINGLIANG_TIMEZONE), as pages show it."""
    return (instant if instant.tzinfo else instant.replace(tzinfo=UTC)).astimezone(zone())


def zone() -> ZoneInfo:
    """The municipality's time zone (MINGLIANG_TIMEZONE, checked when settings load)."""
    return _zone(get_settings().timezone)


@cache
def _zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)


def zone_label(moment: datetime) -> str:
    """A local time's offset as people read it: UTC+8, UTC+5:30, UTC−3, UTC."""
    offset = moment.utcoffset()
    minutes = int(offset.total_seconds() // 60) if offset else 0
    if not minutes:
        return "UTC"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{'+' if minutes > 0 else '−'}{hours}" + (f":{rest:02d}" if rest else "")


def to_stored(day: date | None) -> datetime | None:
    """MongoDB has no date-only type; a day is kept as its midnight."""
    return None if day is None else datetime(day.year, day.month, day.day)


def from_stored(value: datetime | date | None) -> date | None:
    if value is None:
        return None
    return value.date() if isinstance(value, datetime) else value


def rfc3339(value: datetime) -> str:
    """Stored times are naive UTC; published ones say so (RFC 3339, as the API document states)."""
    return (value if value.tzinfo else value.replace(tzinfo=UTC)).isoformat()


# A moment in a published record: serialised with its UTC offset.
Instant = Annotated[datetime, PlainSerializer(rfc3339, return_type=str, when_used="json"),
                    WithJsonSchema({"type": "string", "format": "date-time"}, mode="serialization")]
