"""Working days: weekends and holidays off, make-up days (调休) on, extra local holidays honoured."""

from datetime import date

import pytest

from backend import workdays


@pytest.mark.parametrize(("day", "working"), [
    (date(2026, 11, 23), True),   # a Monday
    (date(2026, 11, 22), False),  # a Sunday
    (date(2026, 10, 1), False),   # National Day
    (date(2026, 2, 14), True),    # a Saturday made a working day (调休) for the Spring Festival
    (date(2026, 2, 17), False),   # Spring Festival
    (date(2027, 1, 1), False),    # beyond the calendar package: fixed-date holidays still count
    (date(2027, 1, 4), True),
])
def test_working_day_table(day, working):
    assert workdays.is_working_day(day) is working


@pytest.mark.parametrize(("start", "days", "expected"), [
    (date(2026, 11, 20), 1, date(2026, 11, 23)),   # Friday + 1 → Monday
    (date(2026, 11, 23), 5, date(2026, 11, 30)),
    (date(2026, 9, 30), 1, date(2026, 10, 8)),     # over the National Day week
    (date(2026, 11, 23), 0, date(2026, 11, 23)),
])
def test_adding_working_days(start, days, expected):
    assert workdays.add_working_days(start, days) == expected
    assert workdays.working_days_between(start, expected) == days


def test_extra_holidays_are_days_off(monkeypatch):
    from backend.config import get_settings

    monkeypatch.setattr(get_settings(), "extra_holidays", [date(2026, 11, 24)])
    workdays._extra_holidays.cache_clear()
    try:
        assert not workdays.is_working_day(date(2026, 11, 24))
        assert workdays.add_working_days(date(2026, 11, 23), 1) == date(2026, 11, 25)
    finally:
        monkeypatch.undo()
        workdays._extra_holidays.cache_clear()
