"""Publication windows as tables: inspections within 20 working days, public until the next one."""

from datetime import date, datetime

import pytest

from backend.penalties.schemas import still_public
from backend.records import rules


@pytest.mark.parametrize(("inspected", "publish_by"), [
    (date(2026, 11, 23), date(2026, 12, 21)),  # four plain weeks
    (date(2025, 9, 19), date(2025, 10, 23)),  # National Day; Sun 28 Sep and Sat 11 Oct are 调休
])
def test_results_publish_within_20_working_days(inspected, publish_by):
    assert rules.publish_by(inspected) == publish_by


@pytest.mark.parametrize(("superseded_on", "on", "public"), [
    (None, date(2030, 1, 1), True),  # the latest inspection stays public
    (datetime(2026, 5, 1), date(2026, 4, 30), True),
    (datetime(2026, 5, 1), date(2026, 5, 1), False),  # the next inspection ends it
])
def test_an_inspection_is_public_until_the_next_one(superseded_on, on, public):
    assert rules.inspection_public({"superseded_on": superseded_on}, on) is public


@pytest.mark.parametrize(("recorded", "late"), [
    (datetime(2026, 12, 21, 18), False), (datetime(2026, 12, 22, 9), True)])
def test_late_publication_is_flagged(recorded, late):
    assert rules.published_late({"date": datetime(2026, 11, 23), "created_at": recorded}) is late


@pytest.mark.parametrize(("until", "on", "public"), [
    (datetime(2026, 5, 1), date(2026, 5, 1), True), (datetime(2026, 5, 1), date(2026, 5, 2), False)])
def test_penalties_keep_their_one_rule(until, on, public):
    assert still_public({"public_until": until}, on) is public
