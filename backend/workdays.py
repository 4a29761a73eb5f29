"""Working days (工作日) for legal deadlines: weekends and public holidays off, make-up days (调休) on."""

from datetime import date, timedelta
from functools import lru_cache

import chinese_calendar

from backend.config import get_settings

# Fixed-date statutory holidays, used only for years the calendar package does not cover yet
# (the State Council announces each year's schedule in the preceding autumn).
_FIXED_HOLIDAYS = ((1, 1), (5, 1), (5, 2), (10, 1), (10, 2), (10, 3))


@lru_cache(maxsize=1)
def _extra_holidays() -> frozenset[date]:
    return frozenset(get_settings().extra_holidays)


def is_working_day(day: date) -> bool:
    if day in _extra_holidays():
        return False
    try:
        return bool(chinese_calendar.is_workday(day))
    except NotImplementedError:
        return day.weekday() < 5 and (day.month, day.day) not in _FIXED_HOLIDAYS


def add_working_days(start: date, days: int) -> date:
    """The day on which `days` working days after `start` have passed (`start` itself not counted)."""
    day, left = start, days
    while left > 0:
        day += timedelta(days=1)
        left -= is_working_day(day)
    return day


def working_days_between(start: date, end: date) -> int:
    """Working days after `start` up to and including `end`; negative when `end` is earlier."""
    if end < start:
        return -working_days_between(end, start)
    return sum(is_working_day(start + timedelta(days=n)) for n in range(1, (end - start).days + 1))
