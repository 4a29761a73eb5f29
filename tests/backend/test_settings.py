"""Settings a deployment gets wrong are refused at start with what is wrong, not met at run time."""

import pytest
from pydantic import ValidationError

from backend.config import Settings


@pytest.mark.parametrize(("name", "value", "reason"), [
    ("PORT", "0", "greater than or equal to 1"),
    ("LEASE_TTL_S", "0", "greater than 0"),
    ("REVIEW_BATCH", "0", "greater than or equal to 1"),
    ("COMPLAINT_ACCEPT_DAYS", "-3", "greater than or equal to 1"),
    ("GRADE_BANDS", "[70, 90]", "two scores from 100 down to 0"),
    ("GRADE_BANDS", "[90]", "two scores from 100 down to 0"),
    ("RISK_BANDS", "[60, 45, 30]", "three rising upper bounds"),
    ("RISK_INSPECTIONS_PER_YEAR", '{"A": [1, 2], "B": [2, 3], "C": [4, 4]}', "each of A, B, C and D"),
    ("RISK_INSPECTIONS_PER_YEAR", '{"A": [2, 1], "B": [2, 3], "C": [4, 4], "D": [12, 12]}',
     "fewest, most"),
    ("EXPIRY_WINDOWS", "[]", "days before expiry, each at least 1"),
    ("EXPIRY_WINDOWS", "[30, 0]", "days before expiry, each at least 1"),
])
def test_a_wrong_setting_is_refused_with_its_reason(monkeypatch, name, value, reason):
    monkeypatch.setenv(name, value)
    with pytest.raises(ValidationError, match=reason) as refused:
        Settings()
    assert name in str(refused.value)


def test_the_defaults_and_sound_values_are_kept(monkeypatch):
    assert Settings().risk_bands == [30.0, 45.0, 60.0]
    monkeypatch.setenv("GRADE_BANDS", "[85, 85]")
    monkeypatch.setenv("EXPIRY_WINDOWS", "[60]")
    settings = Settings()
    assert settings.grade_bands == [85.0, 85.0] and settings.expiry_windows == [60]
