"""Stored instants (naive UTC) as people in the municipality read them: on its clock
(MINGLIANG_TIMEZONE), the zone said wherever a time of day is shown. A deadline is an instant too
(the last second of its local day, `clock.end_of_day`) and shows as that day; days stored as days
(an inspection's date, a licence's expiry) are shown as they are."""

from __future__ import annotations

from datetime import datetime

from backend import clock
from portal.components.tags import html


def clock_time(instant: datetime) -> str:
    """'2026-12-06 11:18 UTC+8'."""
    moment = clock.local(instant)
    return f"{moment:%Y-%m-%d %H:%M} {clock.zone_label(moment)}"


def day(instant: datetime) -> str:
    """The local calendar day of an instant: a review written at 7 a.m. in Guangzhou is that day's."""
    return clock.day_of(instant).isoformat()


def time_tag(instant: datetime, *, with_time: bool = True) -> html.Time:
    """<time> with the instant as shown and, for machines, with its offset."""
    if not with_time:
        return html.Time(day(instant), dateTime=day(instant))
    return html.Time(clock_time(instant), dateTime=clock.local(instant).isoformat())
