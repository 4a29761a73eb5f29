"""The consumer satisfaction grade rule (A 满意 … D 差): pure, so tests and the /grades page share it."""

from collections import Counter
from dataclasses import dataclass, fields, replace
from datetime import datetime, timedelta
from typing import Any

from backend import clock
from backend.errors import Invalid
from backend.i18n import N_


@dataclass(frozen=True)
class GradeRule:
    """Every number of the rule; an administrator overrides any of them with REVIEW_GRADE (JSON)."""

    prior: float = 0.70  # what a business with no reviews is assumed to score…
    prior_weight: float = 5.0  # …worth this many full-weight reviews
    half_life_days: float = 180.0  # a review this old counts half as much as today's
    band_a: float = 0.85  # score ≥ band_a: A 满意
    band_b: float = 0.70  # ≥ band_b: B 较满意
    band_c: float = 0.50  # ≥ band_c: C 合格; below: D 差
    duplicate_weight: float = 0.1  # a text already posted for this business
    client_per_day: int = 1  # reviews one client may give a business in a day at full weight
    client_burst_weight: float = 0.2
    burst_minutes: float = 10.0  # this many reviews of one business within these minutes…
    burst_count: int = 5
    burst_weight: float = 0.3  # …all weigh this much
    window_days: int = 730  # older reviews are not counted at all


DUPLICATE, CLIENT_BURST, BURST = "duplicate_text", "client_burst", "burst"
REASON_LABELS = {
    DUPLICATE: N_("the same text was posted before"),
    CLIENT_BURST: N_("several reviews from one client on one day"),
    BURST: N_("many reviews within minutes"),
}
BAND_LABELS = {"A": N_("Satisfied"), "B": N_("Fairly satisfied"), "C": N_("Acceptable"),
               "D": N_("Poor")}


_NAMES = [f.name for f in fields(GradeRule)]
_WHOLE = {f.name for f in fields(GradeRule) if f.type in (int, "int")}  # counts: read as int


def rule_from(overrides: dict[str, float]) -> GradeRule:
    values: dict[str, Any] = {k: (int(v) if k in _WHOLE else float(v))
                              for k, v in overrides.items() if k in _NAMES}
    return replace(GradeRule(), **values)


def checked(overrides: dict[str, float]) -> dict[str, float]:
    """REVIEW_GRADE as given, or ValueError saying what is wrong with it: an unknown name (a typo
    would otherwise change nothing), a count that is not whole, or a rule that cannot grade."""
    # Invalid (a ValueError) with a msgid: an administrator's refusal reads in their language.
    unknown = sorted(set(overrides) - set(_NAMES))
    if unknown:
        raise Invalid("Unknown grade rule names {unknown} (known: {known}).", unknown=", ".join(unknown),
                      known=", ".join(_NAMES))
    wholes = [name for name in _NAMES
              if name in _WHOLE and name in overrides and overrides[name] != int(overrides[name])]
    if wholes:
        raise Invalid("{names} must be whole numbers.", names=", ".join(wholes))
    rule = rule_from(overrides)
    if not 0 <= rule.prior <= 1 or not 0 <= rule.band_c <= rule.band_b <= rule.band_a <= 1:
        raise Invalid("{prior} and the bands are a satisfaction from 0 to 1, with {order}.", prior="prior",
                      order="band_c ≤ band_b ≤ band_a")
    if not all(0 <= w <= 1 for w in (rule.duplicate_weight, rule.client_burst_weight, rule.burst_weight)):
        raise Invalid("{names} are from 0 to 1.",
                      names="duplicate_weight, client_burst_weight, burst_weight")
    if rule.half_life_days <= 0 or rule.window_days < 1 or rule.burst_minutes <= 0 \
            or rule.prior_weight < 0 or rule.client_per_day < 1 or rule.burst_count < 2:
        raise Invalid("{above_0} are above 0, {at_least_1} at least 1, {burst_count} at least 2, "
                      "{prior_weight} not negative.", above_0="half_life_days, burst_minutes",
                      at_least_1="window_days, client_per_day", burst_count="burst_count",
                      prior_weight="prior_weight")
    return overrides


@dataclass(frozen=True)
class Rated:
    """What the rule needs of one review: when, its P(satisfied), and who/what for abuse checks."""

    at: datetime
    score: float
    text_key: str = ""
    client: str = ""


def band(score: float, rule: GradeRule) -> str:
    if score >= rule.band_a:
        return "A"
    if score >= rule.band_b:
        return "B"
    return "C" if score >= rule.band_c else "D"


def suspicion(reviews: list[Rated], rule: GradeRule) -> list[set[str]]:
    """Why each review (by position) looks suspicious; an empty set means it counts in full.
    The first of a repeated text and a client's first reviews of the day are kept in full."""
    reasons: list[set[str]] = [set() for _ in reviews]
    order = sorted(range(len(reviews)), key=lambda i: reviews[i].at)
    seen_texts: set[str] = set()
    per_client_day: Counter[tuple[str, object]] = Counter()
    for i in order:
        review = reviews[i]
        if review.text_key and review.text_key in seen_texts:
            reasons[i].add(DUPLICATE)
        seen_texts.add(review.text_key)
        if review.client:
            day = (review.client, clock.day_of(review.at))
            per_client_day[day] += 1
            if per_client_day[day] > rule.client_per_day:
                reasons[i].add(CLIENT_BURST)
    window = timedelta(minutes=rule.burst_minutes)
    start = 0
    for end in range(len(order)):  # sliding window over time: every review inside a full one
        while reviews[order[end]].at - reviews[order[start]].at > window:
            start += 1
        if end - start + 1 >= rule.burst_count:
            for j in order[start:end + 1]:
                reasons[j].add(BURST)
    return reasons


def weight(review: Rated, reasons: set[str], now: datetime, rule: GradeRule) -> float:
    age_days = max(0.0, (now - review.at).total_seconds() / 86400)
    if age_days > rule.window_days:
        return 0.0
    w = 0.5 ** (age_days / rule.half_life_days)
    if DUPLICATE in reasons:
        w *= rule.duplicate_weight
    if CLIENT_BURST in reasons:
        w *= rule.client_burst_weight
    if BURST in reasons:
        w *= rule.burst_weight
    return w


def shrunk(total: float, weights: float, rule: GradeRule) -> float:
    """Bayesian average: few reviews stay near the prior, many speak for themselves."""
    return (rule.prior * rule.prior_weight + total) / (rule.prior_weight + weights)


def weighing(rule: GradeRule) -> str:
    """The numbers of the rule that decide how much each review weighs, and the municipality's
    clock its months are counted on: a basis built under other ones must be built again. The
    prior and the bands are not among them: a change to those regrades from the bases alone."""
    return "|".join(str(value) for value in (
        rule.half_life_days, rule.window_days, rule.duplicate_weight, rule.client_per_day,
        rule.client_burst_weight, rule.burst_minutes, rule.burst_count, rule.burst_weight,
        clock.zone().key))


def basis(reviews: list[Rated], *, now: datetime, rule: GradeRule) -> dict[str, Any]:
    """What the grade on any later day is computed from without the reviews, as long as the same
    reviews count (`until`, when the oldest leaves the window) under the same weighing: the
    weighted sums on `now` (every weight halves each half-life alike, so a later day's sums are
    these times one factor), the reviews counted and discounted, and each month's scores."""
    reasons = suspicion(reviews, rule)
    weights = [weight(r, why, now, rule) for r, why in zip(reviews, reasons, strict=True)]
    discounted = Counter(reason for why, w in zip(reasons, weights, strict=True) if w > 0
                         for reason in why)
    newest = max((review.at for review in reviews), default=now)
    window = timedelta(days=rule.window_days)
    return {"weighing": weighing(rule), "at": now,
            # a review dated after `now` weighs in full until then: good for `now` alone
            "until": now if newest > now else min(
                (review.at + window for review in reviews if review.at + window >= now), default=None),
            "total": sum(w * r.score for r, w in zip(reviews, weights, strict=True)),
            "weights": sum(weights), "counted": sum(1 for w in weights if w > 0),
            "discounted": dict(sorted(discounted.items())), "months": month_totals(reviews)}


def usable(stored: dict[str, Any] | None, *, now: datetime, rule: GradeRule) -> bool:
    """Whether a stored basis gives the grade on `now`: built before it under the same weighing,
    and no review it counts has left the window since."""
    if not stored:
        return False
    return stored["weighing"] == weighing(rule) and stored["at"] <= now and (
        stored["until"] is None or now <= stored["until"])


def grade(reviews: list[Rated], *, now: datetime, rule: GradeRule) -> dict[str, Any] | None:
    """The consumer grade on `now`, or None when no scored review counts yet."""
    return grade_from(basis(reviews, now=now, rule=rule), now=now, rule=rule)


def grade_from(stored: dict[str, Any], *, now: datetime, rule: GradeRule) -> dict[str, Any] | None:
    """The consumer grade on `now` from a basis `usable` on it (the same as from its reviews,
    to the last bit on the day it was built, within float rounding on later days)."""
    if not stored["counted"]:
        return None
    decay = 0.5 ** (max(0.0, (now - stored["at"]).total_seconds() / 86400) / rule.half_life_days)
    score = shrunk(stored["total"] * decay, stored["weights"] * decay, rule)
    return {"band": band(score, rule), "score": round(100 * score, 1),
            "reviews_counted": stored["counted"], "as_of": now, "discounted": stored["discounted"],
            "trend": trend_from(stored["months"], now=now)}


def month_totals(reviews: list[Rated]) -> dict[str, list[float]]:
    """Each calendar month's (the municipality's) sum of scores and number of reviews."""
    totals: dict[str, list[float]] = {}
    for review in reviews:
        total = totals.setdefault(clock.day_of(review.at).strftime("%Y-%m"), [0.0, 0])
        total[0] += review.score
        total[1] += 1
    return totals


def trend_from(totals: dict[str, list[float]], *, now: datetime,
               months: int = 12) -> list[dict[str, Any]]:
    """Plain mean satisfaction per calendar month (the municipality's) over the last `months`,
    oldest first, from `month_totals`."""
    keys: list[str] = []
    today = clock.day_of(now)
    year, month = today.year, today.month
    for _ in range(months):
        keys.append(f"{year:04d}-{month:02d}")
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return [{"month": key, "score": round(100 * totals[key][0] / totals[key][1], 1),
             "reviews": int(totals[key][1])} for key in reversed(keys) if key in totals]


@dataclass(frozen=True)
class TrendChange:
    """What the trend's direction compares: the mean score of the last `months` months with
    reviews against the `months` months with reviews before them."""

    direction: str  # "up", "down" or "flat"
    months: int
    recent: float
    earlier: float


def trend_change(trend: list[dict[str, Any]]) -> TrendChange | None:
    """The last (up to three) months with reviews against as many months before them, each month
    weighed by its reviews; None with fewer than two months. Two months with reviews are enough
    to say which way it went: 96.7 in March and 49.9 in August is not "steady"."""
    half = min(3, len(trend) // 2)
    if not half:
        return None

    def mean(rows: list[dict[str, Any]]) -> float:
        return round(sum(row["score"] * row["reviews"] for row in rows)
                     / sum(row["reviews"] for row in rows), 1)

    recent, earlier = mean(trend[-half:]), mean(trend[-2 * half:-half])
    change = recent - earlier
    direction = "up" if change >= 3 else "down" if change <= -3 else "flat"
    return TrendChange(direction=direction, months=half, recent=recent, earlier=earlier)

