"""Quantified grade and risk level as tables: the bands, the score behind them and the trend."""

from datetime import date

import pytest

from backend.grading import rules
from backend.grading.rules import Inspected, Penalised

ON = date(2026, 11, 1)
BANDS, RISK_BANDS = (90.0, 70.0), (30.0, 45.0, 60.0)


def seen(*results: str) -> list[Inspected]:
    """Newest first, a month apart."""
    return [Inspected(date(2026, 10 - n, 1), result) for n, result in enumerate(results)]


@pytest.mark.parametrize(("inspections", "face", "score", "trend"), [
    (seen("compliant"), "excellent", 100.0, None),
    (seen("compliant", "compliant", "non_compliant"), "good", 88.3, "up"),
    (seen("compliant", "compliant", "basically_compliant"), "excellent", 95.0, "up"),
    (seen("basically_compliant", "compliant"), "good", 82.0, "down"),
    (seen("non_compliant", "basically_compliant", "compliant"), "fair", 55.0, "down"),
    (seen("compliant", "non_compliant"), "good", 72.0, "up"),
])
def test_quantified_grade_bands(inspections, face, score, trend):
    band = rules.quantified_grade(inspections, on=ON, window_days=730, bands=BANDS)
    assert (band.band, band.score, band.trend) == (face, pytest.approx(score, abs=0.1), trend)
    assert band.on == inspections[0].date


def test_no_inspection_in_the_window_means_no_grade_yet():
    old = [Inspected(date(2023, 1, 1), "compliant")]
    assert rules.quantified_grade(old, on=ON, window_days=730, bands=BANDS) is None


@pytest.mark.parametrize(("trade", "inspections", "penalties", "level", "score"), [
    ("food_sales", [], [], "A", 15.0),
    ("catering", [], [], "A", 25.0),
    ("catering", seen("non_compliant"), [], "B", 40.0),
    ("catering", seen("non_compliant", "basically_compliant"), [Penalised(date(2026, 8, 1), ("fine",))],
     "C", 60.0),
    ("food_production", seen("non_compliant"), [Penalised(date(2026, 5, 1), ("suspension",))], "D",
     70.0),
    ("catering", seen(*["non_compliant"] * 6), [], "D", 85.0),  # dynamic part capped at 60
])
def test_risk_level_bands(trade, inspections, penalties, level, score):
    band = rules.risk_level(trade, inspections, penalties, on=ON, bands=RISK_BANDS)
    assert (band.band, band.score) == (level, score)


@pytest.mark.parametrize(("level", "per_year"), [("A", (1, 2)), ("B", (2, 3)), ("C", (4, 4)),
                                                 ("D", (12, 12))])
def test_default_inspection_frequencies(level, per_year):
    from backend.config import get_settings

    assert rules.inspections_per_year(level, get_settings().risk_inspections_per_year) == per_year


def test_risk_rising_after_a_failed_inspection_shows_up():
    band = rules.risk_level("catering", [Inspected(date(2026, 10, 20), "non_compliant")], [],
                            on=ON, bands=RISK_BANDS)
    assert band.trend == "up"
