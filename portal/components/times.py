"""Stored instants (naive UTC) as people in the municipality read them: on its clock
(MINGLIANG_TIMEZONE), the zone said wherever a time of day is shown. Deadlines and other calendar
days are days, not instants, and are shown as they are stored."""

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
    return clock.local(instant).date().isoformat()


def time_tag(instant: datetime, *, with_time: bool = True) -> html.Time:
    """<time> with the instant as shown and, for machines, with its offset."""
    moment = clock.local(instant)
    return html.Time(clock_time(instant) if with_time else moment.date().isoformat(),
                     dateTime=moment.isoformat() if with_time else moment.date().isoformat())
