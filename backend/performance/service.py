"""Per-unit rates computed from the tasks and the complainants' ratings; no personal data."""

from collections import Counter
from datetime import datetime
from typing import Any

from pymongo.database import Database

from backend import clock
from backend.complaints import repository as complaints
from backend.officers import service as officers
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


def by_unit(db: Database) -> PerformancePublic:
    """Each district counts toward the first unit that covers it."""
    now, units = clock.now(), officers.units(db)
    unit_of: dict[str, str] = {}
    for unit in units:
        for district in unit["districts"]:
            unit_of.setdefault(district, unit["_id"])
    grouped: dict[str, list[dict[str, Any]]] = {unit["_id"]: [] for unit in units}
    for task in tasks.find(db, {}, {"district": 1, "status": 1, "deadline": 1, "closed_at": 1}):
        if task["district"] in unit_of:
            grouped[unit_of[task["district"]]].append(task)
    ratings: dict[str, Counter[str]] = {unit["_id"]: Counter() for unit in units}
    for row in complaints.feedback_rows(db):
        if row["district"] in unit_of:
            ratings[unit_of[row["district"]]][row["feedback"]] += 1
    data = []
    for unit in units:
        counts, rated = tally(grouped[unit["_id"]], now=now), ratings[unit["_id"]]
        total = rated["satisfied"] + rated["unsatisfied"]
        data.append(UnitPerformance(
            unit_id=unit["_id"], unit_name=unit["name"], tasks=counts["tasks"], due=counts["due"],
            closed=counts["closed"], closed_on_time=counts["closed_on_time"], rated=total,
            satisfied=rated["satisfied"], closure_rate=rate(counts["closed"], counts["due"]),
            on_time_rate=rate(counts["closed_on_time"], counts["closed"]),
            satisfaction_rate=rate(rated["satisfied"], total)))
    return PerformancePublic(as_of=now, data=data)
