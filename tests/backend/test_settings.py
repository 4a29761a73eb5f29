"""Settings a deployment gets wrong are refused at start with what is wrong, not met at run time."""

import pytest
from pydantic import ValidationError

from backend.config import Settings, refusal


@pytest.mark.parametrize(("name", "value", "reason"), [
    ("PORT", "0", "greater than or equal to 1"),
    ("LEASE_TTL_S", "0", "greater than 0"),
    ("REVIEW_BATCH", "0", "greater than or equal to 1"),
    ("COMPLAINT_ACCEPT_DAYS", "-3", "greater than or equal to 1"),
    ("GRADE_BANDS", "[70, 90]", "Two scores from 100 down to 0"),
    ("GRADE_BANDS", "[90]", "Two scores from 100 down to 0"),
    ("RISK_BANDS", "[60, 45, 30]", "Three rising upper bounds"),
    ("RISK_INSPECTIONS_PER_YEAR", '{"A": [1, 2], "B": [2, 3], "C": [4, 4]}',
     "each of the risk levels A, B, C, D"),
    ("RISK_INSPECTIONS_PER_YEAR", '{"A": [2, 1], "B": [2, 3], "C": [4, 4], "D": [12, 12]}',
     "fewest first"),
    ("EXPIRY_WINDOWS", "[]", "Days before expiry, each from 1 to 365 and each once"),
    ("EXPIRY_WINDOWS", "[30, 0]", "Days before expiry, each from 1 to 365 and each once"),
    ("EXPIRY_WINDOWS", "[90, 90]", "Days before expiry, each from 1 to 365 and each once"),
    ("EXPIRING_WITHIN_DAYS", "99999999", "less than or equal to 365"),
    ("HEALTH_CERTIFICATE_MAX_DAYS", "1", "greater than or equal to 366"),
    ("FOOD_LICENCE_MAX_DAYS", "99999", "less than or equal to 3660"),
    ("COMPLAINT_MAX_PHOTOS", "100", "less than or equal to 10"),
    ("MINGLIANG_LANGUAGE", "fr", "unknown language 'fr' .one of zh_Hans, zh_Hant, en."),
    *[("NOTICE_SENDER", name, "'log' or 'package.module:factory'")
      for name in ("sms", "mycity.sms.sender", "mycity sms:sender", "mycity.sms:")],
    ("DETECTOR", "yolo", "'kitchen', 'kitchen-synthetic' or 'package.module:factory'"),
    ("REVIEW_GRADE", '{"half_life": 90}', "Unknown grade rule names half_life"),
    ("REVIEW_GRADE", '{"half_life_days": 0}', "half_life_days, burst_minutes are above 0"),
    ("REVIEW_GRADE", '{"burst_count": 2.5}', "burst_count must be whole numbers"),
    ("REVIEW_GRADE", '{"band_a": 0.6}', "band_c ≤ band_b ≤ band_a"),
    ("REVIEW_GRADE", '{"prior": 1.5}', "prior and the bands are a satisfaction from 0 to 1"),
    ("REVIEW_GRADE", '{"duplicate_weight": -0.1}', "duplicate_weight, client_burst_weight, burst_weight"),
    ("REVIEW_GRADE", '{"burst_count": 1}', "burst_count at least 2"),
    ("ALERT_RULES", '{"unicorn": {"persist": 1}}', "Unknown alert kinds unicorn"),
    ("ALERT_RULES", '{"rat": {"persits": 2}}', "rat: unknown rule fields persits"),
    ("ALERT_RULES", '{"rat": {"persist": 0}}', "rat: persist: Must be at least 1."),
    *[("ALERT_RULES", value, "rat: A rule cannot need more frames than it looks at.")
      for value in ('{"rat": {"persist": 9, "window": 3}}', '{"rat": {"persist": 9}}')],
    ("ALERT_AUTO_CONFIRM", '{"unicorn": 0.9}', "Unknown alert kinds unicorn"),
    ("ALERT_AUTO_CONFIRM", '{"camera_offline": 0.9}', "Unknown alert kinds camera_offline"),
    ("ALERT_AUTO_CONFIRM", '{"rat": 0.3}', "Confidences from 0.5 to 1"),
    ("EXTRA_HOLIDAYS", '["2026-12-24", "2026-12-31", "2026-12-24"]', "Each day once: 2026-12-24 is given"),
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


def test_sound_alert_rules_are_kept(monkeypatch):
    monkeypatch.setenv("ALERT_RULES", '{"rat": {"persist": 1}, "phone": null}')
    assert Settings().alert_rules == {"rat": {"persist": 1.0}, "phone": None}


@pytest.mark.parametrize(("value", "language"),
                         [("zh_Hant", "zh_Hant"), ("zh-TW", "zh_Hant"), ("en-GB", "en")])
def test_the_site_language_is_read_as_a_catalog_name(monkeypatch, value, language):
    monkeypatch.setenv("MINGLIANG_LANGUAGE", value)
    assert Settings().default_language == language


@pytest.mark.parametrize("name", ["log", "mycity.sms:sender", "sms:Sender"])
def test_a_notice_sender_is_log_or_a_factory(monkeypatch, name):
    monkeypatch.setenv("NOTICE_SENDER", name)
    assert Settings().notice_sender == name



def test_minor_penalties_cannot_stay_public_longer_than_the_others(monkeypatch):
    monkeypatch.setenv("PENALTY_PUBLIC_DAYS", "365")
    monkeypatch.setenv("PENALTY_PUBLIC_DAYS_MINOR", "400")
    with pytest.raises(ValidationError) as refused:
        Settings()
    assert "PENALTY_PUBLIC_DAYS_MINOR: A warning or a small fine cannot stay public longer than any other " \
           "penalty (365 days)." in refusal(refused.value)
    monkeypatch.setenv("PENALTY_PUBLIC_DAYS_MINOR", "365")
    assert Settings().penalty_public_days_minor == 365


def test_the_start_check_reads_english_even_for_a_table_entry(monkeypatch):
    monkeypatch.setenv("ALERT_RULES", '{"rat": {"persist": 0, "window": 99}}')
    with pytest.raises(ValidationError) as refused:
        Settings()
    assert "  ALERT_RULES: rat: persist: Must be at least 1.; window: Must be at most 30.\n" \
        in refusal(refused.value)
