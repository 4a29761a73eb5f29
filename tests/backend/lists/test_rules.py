"""Which criterion lists a business, as a table over dated facts at a cut-off."""

from datetime import date

import pytest

from backend.grading.rules import Inspected
from backend.lists import rules
from backend.lists.rules import Facts, PenaltyFact
from backend.lists.schemas import DEFAULT_CRITERIA

CUT_OFF = date(2026, 11, 1)


def fine(day: date, yuan: float, *measures: str) -> PenaltyFact:
    return PenaltyFact(f"罚{day.isoformat()}", day, measures or ("fine",), yuan)


def ok(day: date, result: str = "compliant") -> Inspected:
    return Inspected(day, result)


@pytest.mark.parametrize(("facts", "expected"), [
    (Facts("A", "catering"), {}),
    (Facts("A", "catering", penalties=[fine(date(2026, 6, 1), 0, "suspension")]),
     {"black": "b-serious"}),
    (Facts("A", "catering", penalties=[fine(date(2025, 6, 1), 0, "suspension")]), {}),  # too old
    (Facts("A", "catering", penalties=[fine(date(2026, 6, 1), 60_000)]), {"black": "b-fine"}),
    (Facts("A", "catering", penalties=[fine(date(2026, 6, 1), 5_000)]), {}),
    (Facts("A", "catering", inspections=[ok(date(2026, 3, 1), "non_compliant"),
                                         ok(date(2026, 9, 1), "non_compliant")]),
     {"black": "b-repeat"}),
    (Facts("A", "catering", inspections=[ok(date(2026, 9, 1))]), {"red": "r-clean"}),
    (Facts("A", "catering", inspections=[ok(date(2026, 9, 1))],
           penalties=[fine(date(2026, 2, 1), 500)]), {}),  # a penalty spoils the red list
    (Facts("A", "catering", inspections=[ok(date(2026, 9, 1), "basically_compliant")]), {}),
    (Facts("A", "catering", penalties=[fine(date(2026, 6, 1), 0, "licence_revocation")]),
     {"black": "b-serious"}),  # the first criterion in published order names it
    (Facts("A", "catering", penalties=[fine(date(2026, 6, 1), 0, "suspension")],
           repaired_on=date(2026, 7, 1)), {}),  # credit repair approved after the facts
    (Facts("A", "catering", penalties=[fine(date(2026, 12, 1), 0, "suspension")]), {}),  # after cut-off
])
def test_criteria_table(facts, expected):
    found = rules.match(DEFAULT_CRITERIA, facts, cut_off=CUT_OFF, window_days=730,
                        bands=(90.0, 70.0))
    assert {kind.value: match.criterion.id for kind, match in found.items()} == expected


def test_the_reason_names_the_decisions():
    found = rules.match(DEFAULT_CRITERIA, Facts("A", "catering", penalties=[
        fine(date(2026, 6, 1), 80_000)]), cut_off=CUT_OFF, window_days=730, bands=(90.0, 70.0))
    assert found["black"].reason == "罚2026-06-01 (2026-06-01)"
