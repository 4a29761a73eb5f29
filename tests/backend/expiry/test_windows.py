"""Which warning window a document is in, as a table (90/30/7 by default, configurable)."""

import pytest

from backend.expiry.service import window_for


@pytest.mark.parametrize("days_left, windows, window", [
    (120, [90, 30, 7], None),
    (91, [90, 30, 7], None),
    (90, [90, 30, 7], 90),
    (31, [90, 30, 7], 90),
    (30, [90, 30, 7], 30),
    (20, [90, 30, 7], 30),   # first seen at 20 days: the 30-day notice only
    (8, [90, 30, 7], 30),
    (7, [90, 30, 7], 7),
    (0, [90, 30, 7], 7),     # expires today: still valid, last warning
    (-1, [90, 30, 7], None),  # expired: a task, not a notice
    (45, [60, 14], 60),
    (10, [60, 14], 14),
])
def test_window_for(days_left, windows, window):
    assert window_for(days_left, windows) == window
