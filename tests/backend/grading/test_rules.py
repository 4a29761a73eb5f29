"""Quantified grade and risk level as tables: the bands, the score behind them and the trend."""

from datetime import date, timedelta

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


@pytest.mark.parametrize(("facts", "since"), [
    ([], ON),                                            # static risk only: as of the day
    ([date(2026, 10, 1), date(2026, 3, 1)], date(2026, 10, 1)),   # the newest fact in the year
    ([date(2025, 3, 5)], date(2026, 3, 5)),              # counted a year: since it stopped
    ([date(2026, 9, 1), date(2025, 10, 15)], date(2026, 10, 15)),  # it stopped after the newest
])
def test_a_risk_score_is_dated_from_when_it_holds(facts, since):
    """A failed inspection of 2025-03-05 stopped counting on 2026-03-05: the score shown is not
    the one of 2025-03-05, which counted it."""
    inspections = [Inspected(day, "non_compliant") for day in facts]
    assert rules.risk_level("catering", inspections, [], on=ON, bands=RISK_BANDS).on == since


def test_the_grade_is_dated_from_the_last_inspection_to_leave_its_window_if_later():
    inspections = [Inspected(date(2026, 6, 1), "compliant"), Inspected(date(2024, 10, 15), "non_compliant")]
    assert rules.quantified_grade(inspections, on=ON, window_days=730, bands=BANDS).on == date(2026, 10, 16)


@pytest.mark.parametrize(("inspections", "penalties", "change"), [
    ([], [], None),
    ([Inspected(date(2026, 10, 20), "non_compliant")], [], date(2027, 1, 19)),  # in the trend's quarter
    ([Inspected(date(2026, 3, 1), "non_compliant")], [], date(2027, 3, 1)),     # leaves the year
    ([Inspected(date(2025, 9, 1), "non_compliant")], [], date(2026, 12, 1)),    # leaves the trend's year
    ([Inspected(date(2026, 3, 1), "compliant")], [], date(2028, 3, 1)),         # adds no risk: the grade
    ([], [Penalised(date(2026, 6, 1), ("fine",))], date(2027, 6, 1)),
    ([Inspected(date(2024, 11, 5), "compliant")], [], date(2026, 11, 6)),       # leaves the grade's window
])
def test_the_next_day_the_standing_may_change_without_a_new_fact(inspections, penalties, change):
    assert rules.next_change(inspections, penalties, on=ON, window_days=730) == change
    if change is not None:  # and it does change then, or the day is only a day the page is rebuilt
        before, after = change - timedelta(days=1), change
        as_on = [(rules.risk_level("catering", inspections, penalties, on=day, bands=RISK_BANDS),
                  rules.quantified_grade(inspections, on=day, window_days=730, bands=BANDS))
                 for day in (before, after)]
        assert as_on[0] != as_on[1]


def test_the_grade_lists_the_inspections_it_counts_with_their_points_and_weights():
    inspections = [Inspected(date(2026, 9, 1), "non_compliant"),
                   Inspected(date(2025, 3, 1), "compliant"),
                   Inspected(date(2025, 1, 1), "basically_compliant"),
                   Inspected(date(2024, 12, 1), "compliant")]
    band = rules.quantified_grade(inspections, on=ON, window_days=730, bands=BANDS)
    assert [(p.fact.date, p.points, p.weight) for p in band.parts] == [
        (date(2026, 9, 1), 30.0, 3.0), (date(2025, 3, 1), 100.0, 2.0), (date(2025, 1, 1), 70.0, 1.0)]
    assert (band.score, band.before, band.on, band.stopped) == (60.0, 90.0, date(2026, 9, 1), ())


def test_an_inspection_that_ran_out_uncounted_dates_nothing():
    """The fourth newest of 2024-09-01 left the window on 2026-09-02, but only three count: the
    grade has been the same since the newest inspection."""
    inspections = [Inspected(date(2026, 6, 1), "compliant"), Inspected(date(2025, 6, 1), "compliant"),
                   Inspected(date(2025, 1, 1), "compliant"), Inspected(date(2024, 9, 1), "non_compliant")]
    band = rules.quantified_grade(inspections, on=ON, window_days=730, bands=BANDS)
    assert (band.on, band.stopped) == (date(2026, 6, 1), ())


def test_the_grade_says_which_inspection_stopped_counting_on_its_date():
    old = Inspected(date(2024, 10, 15), "non_compliant")
    band = rules.quantified_grade([Inspected(date(2026, 6, 1), "compliant"), old], on=ON,
                                  window_days=730, bands=BANDS)
    assert (band.on, band.stopped) == (date(2026, 10, 16), (old,))


def test_the_risk_lists_its_static_and_dynamic_parts():
    failed = Inspected(date(2026, 9, 1), "non_compliant")
    serious = Penalised(date(2026, 8, 1), ("suspension",))
    band = rules.risk_level("special_equipment_user", [failed, Inspected(date(2026, 10, 1), "compliant")],
                            [serious], on=ON, bands=RISK_BANDS)
    assert (band.static, band.score) == (10.0, 50.0)
    assert [(p.fact, p.points) for p in band.parts] == [(failed, 15.0), (serious, 25.0)]
    assert band.on == date(2026, 9, 1)  # a compliant inspection adds no risk and dates nothing


def test_a_risk_of_the_trade_alone_holds_since_the_business_was_established():
    band = rules.risk_level("catering", [Inspected(date(2026, 10, 1), "compliant")], [], on=ON,
                            bands=RISK_BANDS, known_since=date(2016, 11, 16))
    assert (band.score, band.on, band.parts) == (25.0, date(2016, 11, 16), ())
