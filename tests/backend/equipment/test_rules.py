"""Overdue rules for special equipment, as tables."""

from datetime import date

import pytest

from backend.equipment.schemas import inspection_overdue, maintenance_overdue, normalize_code
from backend.errors import Invalid

TODAY = date(2026, 6, 30)


@pytest.mark.parametrize("last, every, overdue", [
    (date(2026, 6, 30), 15, False),   # maintained today
    (date(2026, 6, 15), 15, False),   # exactly 15 days ago: still in time
    (date(2026, 6, 14), 15, True),    # 16 days ago: more than 15
    (date(2026, 5, 1), 15, True),
    (date(2026, 6, 14), 30, False),   # configurable
    (None, 15, True),                 # never recorded
])
def test_maintenance_overdue(last, every, overdue):
    assert maintenance_overdue(last, TODAY, every) is overdue


@pytest.mark.parametrize("due, overdue", [
    (date(2026, 7, 1), False),
    (date(2026, 6, 30), False),  # due today
    (date(2026, 6, 29), True),
    (None, False),  # no date recorded: nothing to be late for
])
def test_inspection_overdue(due, overdue):
    assert inspection_overdue(due, TODAY) is overdue


@pytest.mark.parametrize("raw, code", [
    ("31104401062019000123", "31104401062019000123"),
    (" ab-12 ", "AB-12"),
])
def test_codes_are_normalised(raw, code):
    assert normalize_code(raw) == code


@pytest.mark.parametrize("raw", ["", "abc", "电梯0001", "A" * 31, "31/10"])
def test_bad_codes_are_refused(raw):
    with pytest.raises(Invalid):
        normalize_code(raw)
