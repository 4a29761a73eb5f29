"""A camera's staffed hours: outside them, anyone in view raises a "person in the kitchen" alert.
This is the portal's "stranger in the kitchen": it recognises nobody's face, it knows the hours."""

import re
from datetime import datetime, time

from backend import clock
from backend.errors import Invalid

_HOURS = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*[-–~至到]\s*(\d{1,2}):(\d{2})\s*$")


def parse(text: str) -> str:
    """'6:00 - 22:00' → '06:00-22:00'; empty → '' (no staffed hours); an overnight shift such as
    '22:00-06:00' is allowed. Anything else is refused with the form it takes."""
    if not text.strip():
        return ""
    found = _HOURS.match(text)
    h1, m1, h2, m2 = (int(part) for part in found.groups()) if found else (99, 0, 0, 0)
    if h1 > 23 or h2 > 24 or m1 > 59 or m2 > 59 or (h2 == 24 and m2):
        raise Invalid("Staffed hours are written as 06:00-22:00 (24-hour clock); leave the field "
                      "empty for none.")
    if h1 * 60 + m1 == h2 * 60 + m2:
        raise Invalid("Staffed hours must start and end at different times.")
    return f"{h1:02d}:{m1:02d}-{h2:02d}:{m2:02d}"


def staffed(hours: str, at: time) -> bool:
    """Whether `at` (the municipality's clock) falls inside `hours` as `parse` writes them; the
    start is inside, the end is not."""
    start, end = (_minutes(part) for part in hours.split("-"))
    now = at.hour * 60 + at.minute
    return start <= now < end if start < end else now >= start or now < end


def _minutes(hhmm: str) -> int:
    hour, minute = hhmm.split(":")
    return int(hour) * 60 + int(minute)


def closed_at(hours: str | None, at: datetime) -> bool:
    """Whether the instant `at` falls outside these staffed hours, read on the municipality's clock
    (False without hours: a kitchen without them is never closed)."""
    if not hours:
        return False
    return not staffed(hours, clock.local(at).time())


def closed_now(hours: str) -> bool:
    """Whether a camera with these staffed hours looks at an empty kitchen now (False without hours)."""
    return closed_at(hours, clock.now())
