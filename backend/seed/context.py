"""What every generator shares: the random stream, the anchor day, the officers and counters."""

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from random import Random
from typing import Any

from backend import clock
from backend.seed.codes import DecisionNumbers
from backend.seed.places import CITY_ABBREVIATION

# Seeded records were not typed in by anyone; the audit and `recorded_by` say so.
RECORDED_BY = "demo-seed"
_OFFICE_HOURS = timedelta(hours=10)


@dataclass
class Context:
    rng: Random
    today: date
    expiring_within_days: int
    roster: dict[str, list[dict[str, Any]]]  # district → its unit's officers, as OfficerRef dicts
    code_offset: int  # shifts the credit-code sequence, so each seed has its own codes
    decisions: DecisionNumbers = field(default_factory=lambda: DecisionNumbers(CITY_ABBREVIATION))

    def days_ago(self, days: int) -> date:
        return self.today - timedelta(days=days)


def stored(day: date | None) -> datetime | None:
    return clock.to_stored(day)


def recorded_at(day: date) -> datetime:
    """created_at of a seeded record: during office hours on its own day, so a rerun on the same
    day gives the same documents (a service would stamp the moment it was typed in)."""
    return datetime(day.year, day.month, day.day) + _OFFICE_HOURS


@dataclass
class BusinessRecords:
    """One business and everything recorded about it, as the services would store them."""

    business: dict[str, Any]
    licences: list[dict[str, Any]] = field(default_factory=list)
    staff: list[dict[str, Any]] = field(default_factory=list)
    inspections: list[dict[str, Any]] = field(default_factory=list)
    penalties: list[dict[str, Any]] = field(default_factory=list)
    purchases: list[dict[str, Any]] = field(default_factory=list)
    rapid_tests: list[dict[str, Any]] = field(default_factory=list)
    equipment: list[dict[str, Any]] = field(default_factory=list)
    reviews: list[dict[str, Any]] = field(default_factory=list)

