"""Expiry status of licences and certificates around the 'expiring' window's boundaries."""

from datetime import date, timedelta

import pytest

from backend.licences.expiry import ExpiryStatus, expiry_status

TODAY = date(2026, 3, 15)


@pytest.mark.parametrize("days_left, within_days, status", [
    (-365, 90, ExpiryStatus.EXPIRED),
    (-1, 90, ExpiryStatus.EXPIRED),  # expired yesterday
    (0, 90, ExpiryStatus.EXPIRING),  # expires today: still valid today, so expiring
    (1, 90, ExpiryStatus.EXPIRING),
    (89, 90, ExpiryStatus.EXPIRING),
    (90, 90, ExpiryStatus.EXPIRING),  # exactly at the window's edge
    (91, 90, ExpiryStatus.VALID),
    (3650, 90, ExpiryStatus.VALID),
    (30, 30, ExpiryStatus.EXPIRING),  # configurable window
    (31, 30, ExpiryStatus.VALID),
    (7, 7, ExpiryStatus.EXPIRING),
    (8, 7, ExpiryStatus.VALID),
    (0, 0, ExpiryStatus.EXPIRING),
    (1, 0, ExpiryStatus.VALID),
    (-1, 0, ExpiryStatus.EXPIRED),
])
def test_status_around_the_boundaries(days_left, within_days, status):
    assert expiry_status(TODAY + timedelta(days=days_left), TODAY, within_days) == status


@pytest.mark.parametrize("within_days", [0, 90, 10_000])
def test_long_term_documents_never_expire(within_days):
    assert expiry_status(None, TODAY, within_days) == ExpiryStatus.VALID


def test_status_crosses_a_leap_day():
    assert expiry_status(date(2028, 2, 29), date(2028, 3, 1), 90) == ExpiryStatus.EXPIRED
    assert expiry_status(date(2028, 5, 29), date(2028, 2, 29), 90) == ExpiryStatus.EXPIRING
    assert expiry_status(date(2028, 5, 30), date(2028, 2, 29), 90) == ExpiryStatus.VALID
