"""Stored instants are UTC; pages show them on the municipality's clock (MINGLIANG_TIMEZONE)."""

from datetime import UTC, date, datetime, timedelta

import pytest
from pydantic import ValidationError

from backend import cli, clock
from backend.config import Settings, get_settings
from portal.components import times

EVENING_UTC = datetime(2026, 12, 5, 23, 30)  # stored: naive UTC


@pytest.mark.parametrize(("zone", "shown", "day"), [
    ("Asia/Shanghai", "2026-12-06 07:30 UTC+8", "2026-12-06"),   # the default: Beijing time
    ("Asia/Kolkata", "2026-12-06 05:00 UTC+5:30", "2026-12-06"),
    ("America/Sao_Paulo", "2026-12-05 20:30 UTC−3", "2026-12-05"),
    ("UTC", "2026-12-05 23:30 UTC", "2026-12-05"),
])
def test_an_instant_is_shown_on_the_local_clock_with_its_zone(monkeypatch, zone, shown, day):
    monkeypatch.setattr(get_settings(), "timezone", zone)
    assert times.clock_time(EVENING_UTC) == shown
    assert times.day(EVENING_UTC) == day
    assert times.clock_time(EVENING_UTC.replace(tzinfo=UTC)) == shown  # aware instants too


def test_the_default_zone_is_beijing_time(monkeypatch):
    monkeypatch.delenv("MINGLIANG_TIMEZONE", raising=False)
    assert Settings().timezone == "Asia/Shanghai"
    monkeypatch.setattr(get_settings(), "timezone", Settings().timezone)
    assert clock.local(EVENING_UTC).utcoffset().total_seconds() == 8 * 3600


def test_an_unknown_zone_is_refused_with_its_name(monkeypatch, capsys):
    monkeypatch.setenv("MINGLIANG_TIMEZONE", "Asia/Beijing")  # not an IANA name
    with pytest.raises(ValidationError, match="unknown time zone 'Asia/Beijing'"):
        Settings()
    get_settings.cache_clear()  # as a fresh process reads them
    try:
        with pytest.raises(SystemExit) as stopped:
            cli.main(["worker"])
    finally:
        monkeypatch.delenv("MINGLIANG_TIMEZONE")
        get_settings.cache_clear()
    assert stopped.value.code == 2
    assert ("  MINGLIANG_TIMEZONE: unknown time zone 'Asia/Beijing' (an IANA name such as "
            "Asia/Shanghai)") in capsys.readouterr().err


def test_time_tags_carry_the_offset_for_machines(monkeypatch):
    monkeypatch.setattr(get_settings(), "timezone", "Asia/Shanghai")
    tag = times.time_tag(EVENING_UTC)
    assert (tag.children, tag.dateTime) == ("2026-12-06 07:30 UTC+8", "2026-12-06T07:30:00+08:00")
    day_only = times.time_tag(EVENING_UTC, with_time=False)
    assert (day_only.children, day_only.dateTime) == ("2026-12-06", "2026-12-06")


@pytest.mark.parametrize(("zone", "last_second_utc"), [
    ("Asia/Shanghai", datetime(2026, 12, 7, 15, 59, 59)),   # midnight in Guangzhou is 16:00 UTC
    ("UTC", datetime(2026, 12, 7, 23, 59, 59)),
    ("America/Sao_Paulo", datetime(2026, 12, 8, 2, 59, 59)),
])
def test_a_deadline_day_ends_at_the_municipalitys_midnight(monkeypatch, zone, last_second_utc):
    monkeypatch.setattr(get_settings(), "timezone", zone)
    assert clock.end_of_day(date(2026, 12, 7)) == last_second_utc
    assert clock.day_of(last_second_utc) == date(2026, 12, 7)  # shown as the day it was set for


@pytest.mark.parametrize(("zone", "hours"), [("Etc/GMT+12", -12), ("Etc/GMT-14", 14)])
def test_today_is_the_municipalitys_day_not_the_servers(monkeypatch, zone, hours):
    monkeypatch.setattr(get_settings(), "timezone", zone)
    expected = {(datetime.now(UTC) + timedelta(hours=hours, seconds=s)).date() for s in (-5, 5)}
    assert clock.today() in expected  # (either side of a midnight passing during the test)
    assert clock.day_of(clock.now()) in expected


def test_now_is_what_the_database_keeps_of_it(db):
    """A record answered from memory when written says the time it says when read back."""
    written = clock.now()
    db.clock_checks.insert_one({"_id": 1, "at": written})
    assert db.clock_checks.find_one({"_id": 1})["at"] == written
    db.clock_checks.drop()
