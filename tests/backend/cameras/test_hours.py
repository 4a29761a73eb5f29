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


def test_a_simulated_kitchen_keeps_the_opening_hours_in_its_address(monkeypatch):
    from datetime import UTC, datetime

    from backend.cameras import sources
    from backend.cameras.schemas import CameraCreate
    from backend.config import get_settings

    monkeypatch.setattr(get_settings(), "timezone", "Asia/Shanghai")
    source = sources.open_source("sim://11?hours=6:00-22:00")
    assert source.staffed_hours == "06:00-22:00" and sources.open_source("sim://11").staffed_hours == ""
    night = datetime(2026, 12, 6, 20, 0, tzinfo=UTC).timestamp()   # 04:00 in Guangzhou: closed
    day = datetime(2026, 12, 6, 4, 0, tzinfo=UTC).timestamp()      # 12:00: open
    people = [any(item["class"] == "person" for item in (source.read(t), source.truth)[1])
              for t in (night + 3, night + 40, day + 3, day + 40)]
    assert people[:2] == [False, False] and any(people[2:])
    with pytest.raises(ValueError, match="written as 06:00-22:00"):
        CameraCreate(business_code="x", name="后厨", location="kitchen", source_url="sim://3?hours=late")
