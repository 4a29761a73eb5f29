"""Complaint rules as tables: deadlines in working days, the tracking code's shape."""

from datetime import date

import pytest

from backend.complaints import rules
from backend.complaints.schemas import ComplaintCategory
from backend.config import Settings

SETTINGS = Settings()
HYGIENE, DISPUTE = ComplaintCategory.HYGIENE, ComplaintCategory.CONSUMER_DISPUTE


@pytest.mark.parametrize(("received", "category", "real_name", "expected"), [
    # Monday 2026-03-02: 7 working days → Wednesday 11th, 15 → Monday 23rd.
    (date(2026, 3, 2), HYGIENE, False, {"accept": date(2026, 3, 11), "verify": date(2026, 3, 23)}),
    # A real-name complainant is told within 5 working days after the verification deadline.
    (date(2026, 3, 2), HYGIENE, True, {"accept": date(2026, 3, 11), "verify": date(2026, 3, 23),
                                       "notify": date(2026, 3, 30)}),
    # Before the National Day week (Oct 1–7 off in 2025; Sept 28 and Oct 11 are make-up days).
    (date(2025, 9, 26), HYGIENE, False, {"accept": date(2025, 10, 13), "verify": date(2025, 10, 23)}),
    # Mediation closes within 45 working days of the accept deadline.
    (date(2026, 3, 2), DISPUTE, False, {"accept": date(2026, 3, 11), "verify": date(2026, 3, 23),
                                        "mediate": date(2026, 5, 18)}),
])
def test_deadlines_in_working_days(received, category, real_name, expected):
    assert rules.deadlines(received, category=category, real_name=real_name,
                           settings=SETTINGS) == expected


def test_deadlines_follow_the_settings():
    quick = Settings(COMPLAINT_ACCEPT_DAYS=1, COMPLAINT_VERIFY_DAYS=2)
    due = rules.deadlines(date(2026, 3, 6), category=HYGIENE, real_name=False, settings=quick)
    assert due == {"accept": date(2026, 3, 9), "verify": date(2026, 3, 10)}  # over the weekend


@pytest.mark.parametrize(("due", "task"), [
    ({"accept": date(2026, 1, 5), "verify": date(2026, 1, 20)}, date(2026, 1, 20)),
    ({"accept": date(2026, 1, 5), "verify": date(2026, 1, 20), "mediate": date(2026, 3, 1)},
     date(2026, 3, 1)),
    # reopened: done when verified again, even if an earlier stage's date was later
    ({"accept": date(2026, 1, 5), "notify": date(2026, 2, 9), "reverify": date(2026, 2, 2)},
     date(2026, 2, 2)),
])
def test_the_task_is_due_with_its_last_stage(due, task):
    assert rules.task_deadline(due) == task


def test_tracking_codes_are_readable_and_unguessable():
    codes = {rules.tracking_code() for _ in range(2000)}
    assert len(codes) == 2000
    for code in codes:
        assert len(code) >= 10 and rules.looks_like_code(code)
        assert not set(code) & set("01OIL")


@pytest.mark.parametrize(("value", "ok"), [
    ("23456789ABCD", True), ("23456789abcd", False), ("23456789ABC", False),
    ("0123456789AB", False), ("", False),
])
def test_what_looks_like_a_code(value, ok):
    assert rules.looks_like_code(value) is ok


def test_an_order_to_rectify_meets_the_accept_deadline():
    assert "rectification_required" in rules.MEETS["accept"]
    assert "rectification_required" not in rules.MEETS["verify"]
