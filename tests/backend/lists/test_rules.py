"""Which criterion lists a business, as a table over dated facts at a cut-off."""

from datetime import date

import pytest

from backend.grading.rules import Inspected
from backend.lists import rules
from backend.lists.rules import EquipmentFact, Facts, LicenceFact, PenaltyFact
from backend.lists.schemas import DEFAULT_CRITERIA, Criterion, Rule

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
                        bands=(90.0, 70.0), maintenance_days=15)
    assert {kind.value: match.criterion.id for kind, match in found.items()} == expected


def test_the_reason_names_the_decisions():
    found = rules.match(DEFAULT_CRITERIA, Facts("A", "catering", penalties=[
        fine(date(2026, 6, 1), 80_000)]), cut_off=CUT_OFF, window_days=730, bands=(90.0, 70.0),
        maintenance_days=15)
    assert found["black"].reason == "罚2026-06-01 (2026-06-01)"


def licence(issued: date, expires: date | None, number: str = "梯11粤A0000002(25)") -> LicenceFact:
    return LicenceFact("special_equipment_registration", number, issued, expires)


def lift(*, maintained: date | None = date(2026, 10, 25), due: date | None = date(2027, 7, 1),
         registered: date = date(2025, 7, 1)) -> EquipmentFact:
    return EquipmentFact("3110440104202500000020", registered, maintained, due)


@pytest.mark.parametrize(("licences", "equipment", "red"), [
    ([], [], True),
    ([licence(date(2025, 7, 29), date(2027, 7, 29))], [lift()], True),
    ([licence(date(2025, 7, 29), date(2026, 7, 29))], [], False),  # the registration has expired
    ([licence(date(2025, 7, 29), date(2026, 7, 29)),  # …and was renewed before the cut-off
      licence(date(2026, 7, 20), date(2027, 7, 29))], [], True),
    ([licence(date(2025, 7, 29), date(2026, 7, 29)),  # renewed only after the cut-off
      licence(date(2026, 11, 20), date(2027, 11, 20))], [], False),
    ([licence(date(2016, 1, 1), None)], [], True),  # long-term
    ([licence(date(2025, 7, 29), date(2026, 10, 31))], [], False),  # expired the day before
    ([licence(date(2025, 7, 29), date(2026, 11, 1))], [], True),  # valid through its last day
    ([], [lift(due=date(2026, 7, 29))], False),  # periodic inspection overdue (检验逾期)
    ([], [lift(maintained=date(2026, 10, 1))], False),  # maintenance 31 days old
    ([], [lift(maintained=None)], False),  # no maintenance ever recorded
    ([], [lift(due=date(2026, 7, 29), registered=date(2026, 11, 5))], True),  # registered later
])
def test_the_red_list_wants_licences_and_equipment_in_order_on_the_cut_off(licences, equipment, red):
    facts = Facts("A", "special_equipment_user", inspections=[ok(date(2026, 8, 5))],
                  licences=licences, equipment=equipment)
    found = rules.match(DEFAULT_CRITERIA, facts, cut_off=CUT_OFF, window_days=730,
                        bands=(90.0, 70.0), maintenance_days=15)
    assert ({kind.value: m.criterion.id for kind, m in found.items()} == {"red": "r-clean"}) is red


def test_the_earlier_rule_still_reads_the_grade_and_record_alone():
    """Saved criteria versions that name it keep their meaning."""
    earlier = [Criterion(id="r-clean", rule=Rule.CLEAN_TOP_GRADE, within_days=365)]
    facts = Facts("A", "special_equipment_user", inspections=[ok(date(2026, 8, 5))],
                  licences=[licence(date(2025, 7, 29), date(2026, 7, 29))], equipment=[lift(maintained=None)])
    found = rules.match(earlier, facts, cut_off=CUT_OFF, window_days=730, bands=(90.0, 70.0),
                        maintenance_days=15)
    assert found["red"].reason == "excellent: 100 (2026-08-05)"
