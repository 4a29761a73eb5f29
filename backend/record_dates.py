"""Whether a record's date (issue, decision, inspection) is plausible: not ahead of today, not
before the business was established (成立日期) where its record says when, and never before
1 October 1949, the earliest founding day a registration in the PRC can carry."""

from datetime import date
from typing import Any

from backend import clock
from backend.errors import Invalid

EARLIEST = date(1949, 10, 1)


def check(day: date | None, *, in_future: str, business: dict[str, Any] | None = None) -> None:
    """Invalid with `in_future` (a msgid) for a day after today, or the floor's message."""
    if day is None:
        return
    if day > clock.today():
        raise Invalid(in_future)
    established = clock.from_stored((business or {}).get("established_on"))
    if established is not None and day < established:
        raise Invalid("{day} is before the business was established on {established}.",
                      day=day.isoformat(), established=established.isoformat())
    not_before_earliest(day)


def not_before_earliest(day: date | None) -> None:
    """Invalid for a day before EARLIEST (a date that may lie ahead, such as an inspection due)."""
    if day is not None and day < EARLIEST:
        raise Invalid("A date before {earliest} cannot belong to a business's record.",
                      earliest=EARLIEST.isoformat())
