"""The grade and risk rules as pure functions of dated facts, so they are tested as tables."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from backend.i18n import N_


class Face(StrEnum):
    EXCELLENT = "excellent"  # 优秀, big smile
    GOOD = "good"  # 良好, smile
    FAIR = "fair"  # 一般, flat face


class Trend(StrEnum):
    UP = "up"
    DOWN = "down"
    STEADY = "steady"


FACE_LABELS = {Face.EXCELLENT: N_("Excellent"), Face.GOOD: N_("Good"), Face.FAIR: N_("Fair")}
FACE_SYMBOLS = {Face.EXCELLENT: "😄", Face.GOOD: "🙂", Face.FAIR: "😐"}
TREND_LABELS = {Trend.UP: N_("rising"), Trend.DOWN: N_("falling"), Trend.STEADY: N_("steady")}
RESULT_POINTS = {"compliant": 100.0, "basically_compliant": 70.0, "non_compliant": 30.0}
RECENT_WEIGHTS = (3.0, 2.0, 1.0)  # the newest inspection counts most
# Static risk (静态风险) by trade: what is handled and how, before any record counts.
TRADE_RISK = {"catering": 25.0, "food_production": 30.0, "small_workshop": 30.0,
              "food_sales": 15.0, "special_equipment_user": 10.0}
RISK_PER_RESULT = {"non_compliant": 15.0, "basically_compliant": 5.0}
RISK_PER_PENALTY, RISK_PER_SERIOUS_PENALTY, DYNAMIC_RISK_CAP = 15.0, 25.0, 60.0
SERIOUS_MEASURES = {"suspension", "licence_revocation", "confiscation"}
RISK_LEVELS = ("A", "B", "C", "D")


@dataclass(frozen=True)
class Inspected:
    date: date
    result: str


@dataclass(frozen=True)
class Penalised:
    date: date
    measures: tuple[str, ...]


@dataclass(frozen=True)
class Band:
    band: str  # the face or the risk level
    score: float
    on: date  # since when the score holds: the newest fact behind it, or the day one stopped counting
    trend: Trend | None


RISK_DAYS = 365  # a failed inspection or a penalty adds to the risk for a year
TREND_DAYS = 91  # the risk's trend compares with its score a quarter earlier


def held_since(dates: Sequence[date], *, on: date, counted_days: int) -> date:
    """The first day on which the facts that count on `on` were the ones counting: the newest of
    them, or the day the last fact to stop counting stopped (a fact counts `counted_days` days
    from its own). A score shown "on" an older fact's date was not the score of that day."""
    counting = [d for d in dates if d <= on < d + timedelta(days=counted_days)]
    stopped = [d + timedelta(days=counted_days) for d in dates if d + timedelta(days=counted_days) <= on]
    return max(counting + stopped, default=on)


def next_change(inspections: Sequence[Inspected], penalties: Sequence[Penalised], *, on: date,
                window_days: int) -> date | None:
    """The first day after `on` on which the grade or the risk (or its trend) may differ with no new
    fact: one leaves the grade's window or the risk's year, or enters or leaves the quarter-earlier
    score the trend compares with. None when no such day is ahead."""
    days = [i.date + timedelta(days=window_days + 1) for i in inspections]
    risky = [i.date for i in inspections if RISK_PER_RESULT.get(i.result)] + [p.date for p in penalties]
    for fact in risky:
        days += [fact + timedelta(days=n) for n in (RISK_DAYS, TREND_DAYS, TREND_DAYS + RISK_DAYS)]
    return min((day for day in days if day > on), default=None)


def inspection_score(inspections: Sequence[Inspected], *, on: date, window_days: int) -> float | None:
    recent = sorted((i for i in inspections if on - timedelta(days=window_days) <= i.date <= on),
                    key=lambda i: i.date, reverse=True)[:len(RECENT_WEIGHTS)]
    if not recent:
        return None
    weights = RECENT_WEIGHTS[:len(recent)]
    total = sum(w * RESULT_POINTS[i.result] for w, i in zip(weights, recent, strict=True))
    return round(total / sum(weights), 1)


def face_for(score: float, bands: Sequence[float]) -> Face:
    excellent, good = bands
    return Face.EXCELLENT if score >= excellent else Face.GOOD if score >= good else Face.FAIR


def _trend(now: float, before: float | None, *, higher_is: Trend) -> Trend | None:
    if before is None:
        return None
    if now == before:
        return Trend.STEADY
    rising = now > before
    return higher_is if rising else (Trend.DOWN if higher_is == Trend.UP else Trend.UP)


def quantified_grade(inspections: Sequence[Inspected], *, on: date, window_days: int,
                     bands: Sequence[float]) -> Band | None:
    """None until there is an inspection in the window. Trend: against the grade before the newest."""
    score = inspection_score(inspections, on=on, window_days=window_days)
    if score is None:
        return None
    newest = max(i.date for i in inspections if i.date <= on)
    before = inspection_score([i for i in inspections if i.date < newest], on=newest,
                              window_days=window_days)
    since = held_since([i.date for i in inspections], on=on, counted_days=window_days + 1)
    return Band(face_for(score, bands).value, score, since, _trend(score, before, higher_is=Trend.UP))


def risk_score(trade: str, inspections: Sequence[Inspected], penalties: Sequence[Penalised], *,
               on: date) -> float:
    """Static risk by trade plus the last year's failed inspections and penalties (capped)."""
    year_ago = on - timedelta(days=RISK_DAYS)
    dynamic = sum(RISK_PER_RESULT.get(i.result, 0.0) for i in inspections if year_ago < i.date <= on)
    dynamic += sum(RISK_PER_SERIOUS_PENALTY if SERIOUS_MEASURES & set(p.measures)
                   else RISK_PER_PENALTY for p in penalties if year_ago < p.date <= on)
    return TRADE_RISK.get(trade, 20.0) + min(dynamic, DYNAMIC_RISK_CAP)


def level_for(score: float, bands: Sequence[float]) -> str:
    for level, upper in zip(RISK_LEVELS, bands, strict=False):
        if score <= upper:
            return level
    return RISK_LEVELS[-1]


def risk_level(trade: str, inspections: Sequence[Inspected], penalties: Sequence[Penalised], *,
               on: date, bands: Sequence[float]) -> Band:
    """Trend: against the score a quarter earlier (rising risk is `up`)."""
    score = risk_score(trade, inspections, penalties, on=on)
    before = risk_score(trade, inspections, penalties, on=on - timedelta(days=TREND_DAYS))
    since = held_since([i.date for i in inspections] + [p.date for p in penalties], on=on,
                       counted_days=RISK_DAYS)
    return Band(level_for(score, bands), score, since, _trend(score, before, higher_is=Trend.UP))


def inspections_per_year(level: str, table: dict[str, list[int]]) -> tuple[int, int]:
    low, high = table[level]
    return low, high
