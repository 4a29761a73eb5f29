"""A camera's staffed hours as a table: how they are written, and which times they cover."""

from datetime import time

import pytest

from backend.cameras import hours
from backend.errors import Invalid


@pytest.mark.parametrize(("typed", "stored"), [
    ("06:00-22:00", "06:00-22:00"),
    ("6:00 - 22:00", "06:00-22:00"),
    ("6:30~23:00", "06:30-23:00"),
    ("22:00至06:00", "22:00-06:00"),   # a night shift
    ("00:00-24:00", "00:00-24:00"),   # always staffed
    ("  ", ""),                       # none
])
def test_hours_are_written_one_way(typed, stored):
    assert hours.parse(typed) == stored


@pytest.mark.parametrize(("typed", "reason"), [
    ("6-22", "written as 06:00-22:00"),
    ("25:00-06:00", "written as 06:00-22:00"),
    ("06:00-24:30", "written as 06:00-22:00"),
    ("06:61-22:00", "written as 06:00-22:00"),
    ("08:00-08:00", "different times"),
])
def test_other_hours_are_refused_with_the_form_they_take(typed, reason):
    with pytest.raises(Invalid, match=reason):
        hours.parse(typed)


@pytest.mark.parametrize(("staffed", "at", "inside"), [
    ("06:00-22:00", time(6, 0), True),     # the start is inside
    ("06:00-22:00", time(21, 59), True),
    ("06:00-22:00", time(22, 0), False),   # the end is not
    ("06:00-22:00", time(3, 0), False),
    ("22:00-06:00", time(23, 30), True),
    ("22:00-06:00", time(5, 59), True),
    ("22:00-06:00", time(12, 0), False),
    ("00:00-24:00", time(23, 59), True),
])
def test_which_times_the_hours_cover(staffed, at, inside):
    assert hours.staffed(staffed, at) is inside
