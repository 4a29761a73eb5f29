"""The grade and risk rules as pure functions of dated facts, so they are tested as tables."""

import datetime as dt
from collections.abc import Callable, Sequence
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
    number: str = ""  # the decision number, for the reader (the rules do not read it)
    public_until: dt.date | None = None  # the last day it is public (the rules do not read it)


Fact = Inspected | Penalised


@dataclass(frozen=True)
class Part:
    """One fact behind a score and what it adds: an inspection's points and weight in the
    quantified grade, a failed inspection's or a penalty's points in the risk."""

    fact: Fact
    points: float
    weight: float = 1.0


@dataclass(frozen=True)
class Band:
    band: str  # the face or the risk level
    score: float
    on: date  # since when the score holds: the newest fact behind it, or the day one stopped counting
    trend: Trend | None
    parts: tuple[Part, ...] = ()  # the facts counted on `on`, newest first
    before: float | None = None  # the score the trend compares with
    stopped: tuple[Fact, ...] = ()  # facts whose time ran out on `on` (what dates the score then)
    static: float = 0.0  # the risk's part by trade


RISK_DAYS = 365  # a failed inspection or a penalty adds to the risk for a year
TREND_DAYS = 91  # the risk's trend compares with its score a quarter earlier
OTHER_TRADE_RISK = 20.0  # a trade without a static risk of its own


def _held_since(counted: Callable[[date], tuple[Fact, ...]], facts: Sequence[Fact], *, on: date,
                counted_days: int) -> tuple[date, tuple[Fact, ...]] | None:
    """The first day on which the facts counted on `on` were the ones counting, and the facts that
    stopped counting that day (a fact counts at most `counted_days` days from its own); None when
    they always were (no fact ever counted). A score shown "on" an older fact's date was not the
    score of that day, and a fact that ran out without being counted (a fourth inspection) dates
    nothing."""
    now = counted(on)
    days = {f.date for f in facts} | {f.date + timedelta(days=counted_days) for f in facts}
    for day in sorted((d for d in days if d <= on), reverse=True):
        earlier = counted(day - timedelta(days=1))
        if earlier != now:
            ran_out = day - timedelta(days=counted_days)
            return day, tuple(f for f in earlier if f not in now and f.date <= ran_out)
    return None


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


def counted_inspections(inspections: Sequence[Inspected], *, on: date,
                        window_days: int) -> tuple[Inspected, ...]:
    """The inspections the grade counts on `on`: the newest three in its window, newest first."""
    recent = sorted((i for i in inspections if on - timedelta(days=window_days) <= i.date <= on),
                    key=lambda i: i.date, reverse=True)
    return tuple(recent[:len(RECENT_WEIGHTS)])


def inspection_parts(inspections: Sequence[Inspected], *, on: date, window_days: int) -> tuple[Part, ...]:
    counted = counted_inspections(inspections, on=on, window_days=window_days)
    return tuple(Part(i, RESULT_POINTS[i.result], w) for i, w in zip(counted, RECENT_WEIGHTS, strict=False))


def inspection_score(inspections: Sequence[Inspected], *, on: date, window_days: int) -> float | None:
    parts = inspection_parts(inspections, on=on, window_days=window_days)
    if not parts:
        return None
    return round(sum(p.weight * p.points for p in parts) / sum(p.weight for p in parts), 1)


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
    parts = inspection_parts(inspections, on=on, window_days=window_days)
    score = inspection_score(inspections, on=on, window_days=window_days)
    if score is None:
        return None
    newest = parts[0].fact.date
    before = inspection_score([i for i in inspections if i.date < newest], on=newest,
                              window_days=window_days)
    held = _held_since(lambda day: counted_inspections(inspections, on=day, window_days=window_days),
                       inspections, on=on, counted_days=window_days + 1)
    since, stopped = held or (newest, ())
    return Band(face_for(score, bands).value, score, since, _trend(score, before, higher_is=Trend.UP),
                parts=parts, before=before, stopped=stopped)


def static_risk(trade: str) -> float:
    return TRADE_RISK.get(trade, OTHER_TRADE_RISK)


def penalty_points(penalty: Penalised) -> float:
    return RISK_PER_SERIOUS_PENALTY if SERIOUS_MEASURES & set(penalty.measures) else RISK_PER_PENALTY


def risk_parts(inspections: Sequence[Inspected], penalties: Sequence[Penalised], *,
               on: date) -> tuple[Part, ...]:
    """The last year's failed (or basically compliant) inspections and penalties, newest first."""
    year_ago = on - timedelta(days=RISK_DAYS)
    parts = [Part(i, RISK_PER_RESULT[i.result]) for i in inspections
             if year_ago < i.date <= on and RISK_PER_RESULT.get(i.result)]
    parts += [Part(p, penalty_points(p)) for p in penalties if year_ago < p.date <= on]
    return tuple(sorted(parts, key=lambda part: part.fact.date, reverse=True))


def risk_score(trade: str, inspections: Sequence[Inspected], penalties: Sequence[Penalised], *,
               on: date) -> float:
    """Static risk by trade plus the last year's failed inspections and penalties (capped)."""
    dynamic = sum(part.points for part in risk_parts(inspections, penalties, on=on))
    return static_risk(trade) + min(dynamic, DYNAMIC_RISK_CAP)


def level_for(score: float, bands: Sequence[float]) -> str:
    for level, upper in zip(RISK_LEVELS, bands, strict=False):
        if score <= upper:
            return level
    return RISK_LEVELS[-1]


def risk_level(trade: str, inspections: Sequence[Inspected], penalties: Sequence[Penalised], *,
               on: date, bands: Sequence[float], known_since: date | None = None) -> Band:
    """Trend: against the score a quarter earlier (rising risk is `up`). With no failed inspection
    or penalty ever counted, the score (its trade's alone) holds since `known_since` (the
    business's establishment), or `on` where that is not known."""
    score = risk_score(trade, inspections, penalties, on=on)
    before = risk_score(trade, inspections, penalties, on=on - timedelta(days=TREND_DAYS))
    risky: list[Fact] = [*inspections, *penalties]
    held = _held_since(lambda day: tuple(part.fact for part in risk_parts(inspections, penalties, on=day)),
                       risky, on=on, counted_days=RISK_DAYS)
    since, stopped = held or (min(known_since or on, on), ())
    return Band(level_for(score, bands), score, since, _trend(score, before, higher_is=Trend.UP),
                parts=risk_parts(inspections, penalties, on=on), before=before, stopped=stopped,
                static=static_risk(trade))


def inspections_per_year(level: str, table: dict[str, list[int]]) -> tuple[int, int]:
    low, high = table[level]
    return low, high
