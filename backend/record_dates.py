"""Whether a record's date (issue, decision, inspection) is plausible: not ahead of today, and not
before 1 October 1949, the earliest founding day a registration in the PRC can carry.

Business records keep no founding day (成立日期) of their own, so the floor is the same for every
business; a registry import that brings one can raise it per business here."""

from datetime import date

from backend import clock
from backend.errors import Invalid

EARLIEST = date(1949, 10, 1)


def check(day: date | None, *, in_future: str) -> None:
    """Invalid with `in_future` (a msgid) for a day after today, or the floor's message."""
    if day is None:
        return
    if day > clock.today():
        raise Invalid(in_future)
    if day < EARLIEST:
        raise Invalid("A date before {earliest} cannot belong to a business's record.",
                      earliest=EARLIEST.isoformat())
