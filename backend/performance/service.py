"""Per-unit rates computed from the tasks and the complainants' ratings; no personal data."""

from collections import Counter
from datetime import datetime
from typing import Any

from pymongo.database import Database

from backend import clock, paging
from backend.complaints import repository as complaints
from backend.officers import service as officers
from backend.paging import PageMeta
from backend.performance.schemas import PerformancePublic, UnitPerformance
from backend.tasks import repository as tasks


def rate(part: int, whole: int) -> float | None:
    """None rather than 0 % or 100 % when there is nothing to measure yet."""
    return round(part / whole, 4) if whole else None


def tally(rows: list[dict[str, Any]], *, now: datetime) -> Counter[str]:
    """The counts behind the rates for one unit's tasks."""
    counts: Counter[str] = Counter()
    for task in rows:
        closed = task["status"] == "closed"
        counts["tasks"] += 1
        counts["due"] += closed or task["deadline"] < now
        counts["closed"] += closed
        counts["closed_on_time"] += closed and task.get("closed_at") is not None \
            and task["closed_at"] <= task["deadline"]
    return counts


def as_of() -> datetime:
    """The moment the figures are computed for: the start of the current minute. A deadline counts
    as passed once it is before that moment; the answer, and so its ETag, stays the same through
    the minute unless a task or a rating changes it, so a client polling it gets a 304."""
    return clock.now().replace(second=0, microsecond=0)


def by_unit(db: Database, *, page_number: int = 1, page_size: int = 20) -> PerformancePublic:
    """A page of units, by unit id; each district counts toward the first unit (by id) that covers
    it, whichever page that unit is on."""
    paging.check(page_number, page_size)
    now, units = as_of(), officers.units(db)
    unit_of: dict[str, str] = {}
    for unit in units:
        for district in unit["districts"]:
            unit_of.setdefault(district, unit["_id"])
    first = paging.skip(page_number, page_size)
    shown = units[first:first + page_size]
    grouped: dict[str, list[dict[str, Any]]] = {unit["_id"]: [] for unit in shown}
    districts = sorted(district for district, unit_id in unit_of.items() if unit_id in grouped)
    for task in tasks.find(db, {"district": {"$in": districts}},
                           {"district": 1, "status": 1, "deadline": 1, "closed_at": 1}):
        grouped[unit_of[task["district"]]].append(task)
    ratings: dict[str, Counter[str]] = {unit["_id"]: Counter() for unit in shown}
    for row in complaints.feedback_rows(db):
        if unit_of.get(row["district"]) in ratings:
            ratings[unit_of[row["district"]]][row["feedback"]] += 1
    return PerformancePublic(as_of=now, data=[_figures(unit, grouped[unit["_id"]], ratings[unit["_id"]],
                                                       now=now) for unit in shown],
                             meta=PageMeta.of(len(units), page_number, page_size))


def _figures(unit: dict[str, Any], rows: list[dict[str, Any]], rated: Counter[str], *,
             now: datetime) -> UnitPerformance:
    counts, total = tally(rows, now=now), rated["satisfied"] + rated["unsatisfied"]
    return UnitPerformance(
        unit_id=unit["_id"], unit_name=unit["name"], tasks=counts["tasks"], due=counts["due"],
        closed=counts["closed"], closed_on_time=counts["closed_on_time"], rated=total,
        satisfied=rated["satisfied"], closure_rate=rate(counts["closed"], counts["due"]),
        on_time_rate=rate(counts["closed_on_time"], counts["closed"]),
        satisfaction_rate=rate(rated["satisfied"], total))
