"""The grade rule as tables: bands, shrinkage toward the prior, recency and suspicious discounts."""

from datetime import datetime, timedelta

import pytest

from backend.config import get_settings
from backend.reviews import grading, staff_stars
from backend.reviews.grading import BURST, CLIENT_BURST, DUPLICATE, GradeRule, Rated

RULE = GradeRule()
NOW = datetime(2026, 11, 23, 12, 0)


@pytest.fixture(autouse=True)
def beijing_days(monkeypatch):
    """The tables count a client's reviews per day on Beijing's calendar (the default zone)."""
    monkeypatch.setattr(get_settings(), "timezone", "Asia/Shanghai")


def reviews(n: int, score: float, *, days_ago: float = 10, spread_h: float = 24) -> list[Rated]:
    """n distinct reviews from distinct clients, `spread_h` hours apart."""
    return [Rated(at=NOW - timedelta(days=days_ago, hours=i * spread_h), score=score,
                  text_key=f"t{i}", client=f"c{i}") for i in range(n)]


@pytest.mark.parametrize("score, band", [
    (0.99, "A"), (0.85, "A"), (0.8499, "B"), (0.70, "B"), (0.6999, "C"), (0.50, "C"), (0.4999, "D"),
    (0.0, "D")])
def test_bands(score, band):
    assert grading.band(score, RULE) == band


@pytest.mark.parametrize("n, score, band", [
    (1, 1.0, "B"),  # one delighted review is not an A yet: it sits near the prior
    (3, 1.0, "B"),
    (20, 1.0, "A"),  # twenty are
    (1, 0.0, "C"),  # one furious review does not sink a business to D…
    (20, 0.0, "D"),  # …twenty do
    (100, 0.6, "C"),
])
def test_shrinkage_toward_the_prior(n, score, band):
    assert grading.grade(reviews(n, score), now=NOW, rule=RULE)["band"] == band


def test_no_scored_review_no_grade():
    assert grading.grade([], now=NOW, rule=RULE) is None


def test_recent_reviews_weigh_more():
    old_good = reviews(10, 1.0, days_ago=400)
    new_bad = [Rated(at=NOW - timedelta(days=5 + i), score=0.0, text_key=f"n{i}", client=f"n{i}")
               for i in range(10)]
    assert grading.grade(old_good + new_bad, now=NOW, rule=RULE)["score"] < 40


def test_reviews_older_than_the_window_do_not_count():
    result = grading.grade(reviews(5, 1.0, days_ago=RULE.window_days + 1), now=NOW, rule=RULE)
    assert result is None


@pytest.mark.parametrize("case, expected", [
    # same text three times: the first counts in full, the copies are discounted
    ([("same", "a", 0), ("same", "b", 60), ("same", "c", 120)], [set(), {DUPLICATE}, {DUPLICATE}]),
    # one client twice on one day
    ([("x", "a", 0), ("y", "a", 120)], [set(), {CLIENT_BURST}]),
    # one client on two days: fine
    ([("x", "a", 0), ("y", "a", 60 * 24 * 2)], [set(), set()]),
    # five reviews from five clients within ten minutes: a burst, all of them
    ([(f"t{i}", f"c{i}", i * 2) for i in range(5)], [{BURST}] * 5),
    # four within ten minutes: not yet
    ([(f"t{i}", f"c{i}", i * 2) for i in range(4)], [set()] * 4),
])
def test_suspicious_reviews(case, expected):
    rows = [Rated(at=NOW - timedelta(days=3) + timedelta(minutes=minutes), score=1.0,
                  text_key=text, client=client) for text, client, minutes in case]
    assert grading.suspicion(rows, RULE) == expected


def test_brushing_does_not_lift_a_poor_business():
    honest = reviews(10, 0.1)
    brushed = [Rated(at=NOW - timedelta(days=1, minutes=i), score=1.0, text_key="好吃好吃",
                     client="bot") for i in range(30)]
    result = grading.grade(honest + brushed, now=NOW, rule=RULE)
    assert result["band"] == "D"
    assert result["discounted"] == {BURST: 30, CLIENT_BURST: 29, DUPLICATE: 29}


def test_thresholds_are_configurable():
    strict = grading.rule_from({"band_a": 0.99, "prior_weight": 0, "burst_count": 3})
    assert strict.burst_count == 3 and isinstance(strict.burst_count, int)
    assert grading.grade(reviews(20, 0.95), now=NOW, rule=strict)["band"] == "B"


def test_a_month_is_the_municipalitys_month():
    late = Rated(at=datetime(2026, 11, 30, 20, 0), score=1.0, text_key="x", client="c")  # 04:00, 1 Dec
    trend = grading.trend_from(grading.month_totals([late]), now=datetime(2026, 12, 5, 12, 0))
    assert trend == [{"month": "2026-12", "score": 100.0, "reviews": 1}]


def test_trend_is_monthly_and_says_its_direction():
    rows = [Rated(at=NOW - timedelta(days=30 * m), score=0.3 if m > 3 else 0.9, text_key=f"{m}",
                  client=f"{m}") for m in range(8)]
    trend = grading.grade(rows, now=NOW, rule=RULE)["trend"]
    assert [row["month"] for row in trend] == sorted(row["month"] for row in trend)
    assert grading.trend_change(trend).direction == "up"


@pytest.mark.parametrize("months, direction", [
    ([(96.7, 1), (49.9, 2)], "down"),  # two months already say which way
    ([(50.0, 1), (60.0, 1), (70.0, 1)], "up"),  # the newest month against the one before it
    ([(80.0, 1), (80.0, 1), (78.0, 1), (81.0, 1)], "flat"),  # within three points
    ([(90.0, 9), (40.0, 1), (85.0, 1), (86.0, 9)], "flat"),  # months weigh by their reviews
])
def test_trend_direction_compares_recent_months_with_those_before(months, direction):
    trend = [{"month": f"2026-{m + 1:02d}", "score": score, "reviews": n}
             for m, (score, n) in enumerate(months)]
    assert grading.trend_change(trend).direction == direction


def test_the_trend_says_what_it_compares():
    trend = [{"month": f"2026-{m + 1:02d}", "score": score, "reviews": n}
             for m, (score, n) in enumerate([(23.6, 1), (70.0, 2), (45.0, 1), (40.0, 3),
                                             (40.0, 1), (70.0, 1), (68.8, 2)])]
    assert grading.trend_change(trend) == grading.TrendChange(
        direction="up", months=3, recent=61.9, earlier=50.8)
    assert grading.trend_change(trend[:1]) is None  # one month: nothing to compare


@pytest.mark.parametrize("mentions, result, expired, stars", [
    ([], None, False, 4),
    ([1.0] * 10, "compliant", False, 5),
    ([0.0] * 10, "compliant", False, 2),
    ([1.0] * 10, "non_compliant", False, 3),
    ([], "basically_compliant", True, 2),
    ([0.0] * 10, "non_compliant", True, 1),
])
def test_staff_stars(mentions, result, expired, stars):
    assert staff_stars.stars(mention_total=sum(mentions), mentions=len(mentions), latest_result=result,
                             certificate_expired=expired) == stars


def _mixed() -> list[Rated]:
    """Reviews over two years with bursts and repeats among them, none older than the window."""
    return [Rated(at=NOW - timedelta(days=700 - 9 * i, minutes=i % 3), score=(i * 37 % 100) / 100,
                  text_key=f"t{i % 40}", client=f"c{i % 7}") for i in range(70)]


@pytest.mark.parametrize("days_later", [0, 1, 14, 29])
def test_a_basis_gives_a_later_days_grade_without_the_reviews(days_later):
    later = NOW + timedelta(days=days_later)
    stored = grading.basis(_mixed(), now=NOW, rule=RULE)
    assert grading.usable(stored, now=later, rule=RULE)
    expected = grading.grade(_mixed(), now=later, rule=RULE)
    got = grading.grade_from(stored, now=later, rule=RULE)
    assert got["score"] == pytest.approx(expected["score"], abs=0.1)
    assert {k: v for k, v in got.items() if k != "score"} == {
        k: v for k, v in expected.items() if k != "score"}


def test_a_basis_stops_serving_when_a_review_leaves_the_window_or_the_weighing_changes():
    stored = grading.basis(_mixed(), now=NOW, rule=RULE)
    oldest_leaves = min(r.at for r in _mixed()) + timedelta(days=RULE.window_days)
    assert grading.usable(stored, now=oldest_leaves, rule=RULE)
    assert not grading.usable(stored, now=oldest_leaves + timedelta(seconds=1), rule=RULE)
    assert not grading.usable(stored, now=NOW - timedelta(seconds=1), rule=RULE)  # built later
    assert not grading.usable(stored, now=NOW, rule=grading.rule_from({"half_life_days": 90}))
    assert not grading.usable(stored, now=NOW, rule=grading.rule_from({"burst_count": 3}))
    assert not grading.usable(None, now=NOW, rule=RULE)


def test_new_bands_and_prior_are_graded_from_the_same_basis():
    stored = grading.basis(_mixed(), now=NOW, rule=RULE)
    strict = grading.rule_from({"band_a": 0.99, "band_b": 0.98, "prior": 0.2})
    assert grading.usable(stored, now=NOW + timedelta(days=3), rule=strict)
    assert grading.grade_from(stored, now=NOW + timedelta(days=3), rule=strict) == grading.grade(
        _mixed(), now=NOW + timedelta(days=3), rule=strict)


def test_a_review_dated_after_the_basis_serves_that_day_alone():
    ahead = [Rated(at=NOW + timedelta(hours=1), score=1.0, text_key="x", client="c")]
    stored = grading.basis(ahead, now=NOW, rule=RULE)
    assert grading.usable(stored, now=NOW, rule=RULE)
    assert not grading.usable(stored, now=NOW + timedelta(days=1), rule=RULE)


def test_a_basis_with_no_reviews_serves_every_later_day():
    stored = grading.basis([], now=NOW, rule=RULE)
    assert grading.usable(stored, now=NOW + timedelta(days=3000), rule=RULE)
    assert grading.grade_from(stored, now=NOW + timedelta(days=3000), rule=RULE) is None



def test_a_sound_grade_rule_setting_is_kept(monkeypatch):
    from backend.config import Settings

    monkeypatch.setenv("REVIEW_GRADE", '{"band_a": 0.9, "prior_weight": 8, "burst_count": 3.0}')
    assert grading.rule_from(Settings().review_grade) == GradeRule(band_a=0.9, prior_weight=8, burst_count=3)
