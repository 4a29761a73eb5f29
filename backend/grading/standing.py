"""The profile's "standing" section: quantified grade, risk level, list status, pending objections."""

from datetime import date, datetime, timedelta
from typing import Any

from backend import clock
from backend.config import get_settings
from backend.grading import rules
from backend.grading.rules import Band, Inspected, Penalised


def _band(band: Band | None, *, pending: bool) -> dict[str, Any] | None:
    if band is None:
        return None
    return {"band": band.band, "score": band.score, "on": clock.to_stored(band.on),
            "trend": band.trend.value if band.trend else None, "pending": pending,
            "before": band.before, "counted": [_part(part) for part in band.parts],
            "stopped": [_fact(fact) for fact in band.stopped]}


def _fact(fact: Inspected | Penalised) -> dict[str, Any]:
    """A fact behind a score as the page explains it; a penalty keeps its decision number and
    publication period, so the page names it only while it is public."""
    if isinstance(fact, Inspected):
        return {"kind": "inspection", "date": clock.to_stored(fact.date), "result": fact.result}
    return {"kind": "penalty", "date": clock.to_stored(fact.date), "decision_number": fact.number,
            "public_until": clock.to_stored(fact.public_until),
            "serious": bool(rules.SERIOUS_MEASURES & set(fact.measures))}


def _part(part: rules.Part) -> dict[str, Any]:
    return _fact(part.fact) | {"points": part.points, "weight": part.weight}


def listing_status(entry: dict[str, Any] | None, wait_days: int) -> dict[str, Any] | None:
    if entry is None:
        return None
    since = clock.from_stored(entry["listed_since"])
    assert since is not None
    return {"list": entry["list"], "edition": entry["edition"], "criterion_id": entry["criterion_id"],
            "reason": entry["reason"], "listed_since": entry["listed_since"],
            "repair_from": clock.to_stored(since + timedelta(days=wait_days)),
            "repaired_on": clock.to_stored(clock.day_of(entry["repaired_on"]))
            if entry.get("repaired_on") else None}


def section(*, business: dict[str, Any], inspections: list[dict[str, Any]],
            penalties: list[dict[str, Any]], now: datetime,
            objections: list[dict[str, Any]] | None = None,
            listing: dict[str, dict[str, Any] | None] | None = None) -> dict[str, Any]:
    """Pure: from the rows the profile builder already has, plus pending objections and the
    business's entries in the current list edition (both optional for bulk seeding)."""
    settings = get_settings()
    on: date = clock.day_of(now)
    seen = [Inspected(clock.from_stored(row["date"]) or on, row["result"]) for row in inspections]
    punished = [Penalised(clock.from_stored(row["decided_on"]) or on, tuple(row["measures"]),
                          row.get("decision_number", ""), clock.from_stored(row.get("public_until")))
                for row in penalties]
    pending = [row for row in objections or [] if row.get("status", "pending") == "pending"]
    kinds = {row["record_kind"] for row in pending}
    ids = {row["record_id"] for row in pending}
    grade = rules.quantified_grade(seen, on=on, window_days=settings.grade_window_days,
                                   bands=settings.grade_bands)
    risk = rules.risk_level(business.get("trade", ""), seen, punished, on=on,
                            bands=settings.risk_bands,
                            known_since=clock.from_stored(business.get("established_on")))
    low, high = rules.inspections_per_year(risk.band, settings.risk_inspections_per_year)
    entries = listing or {}
    return {
        "grade": _band(grade, pending="inspection" in kinds or "quantified" in ids),
        "risk": {**(_band(risk, pending="risk" in ids) or {}), "per_year": [low, high],
                 "static": risk.static},
        "black": listing_status(entries.get("black"), settings.repair_wait_days),
        "red": listing_status(entries.get("red"), settings.repair_wait_days),
        "pending": sorted(ids),
        "pending_until": min((row["answer_by"] for row in pending), default=None),
        # the day the daily refresh builds this section again: a fact's time runs out (and at
        # least once a year, should a rule come to depend on the day in some other way)
        "until": clock.to_stored(rules.next_change(seen, punished, on=on,
                                                   window_days=settings.grade_window_days)
                                 or on + timedelta(days=rules.RISK_DAYS)),
    }
