"""The register a draw is made from, frozen and published before the draw: the businesses in
scope with their weights and eligibility, the unit's officers and their declared conflicts."""

from datetime import date, datetime, timedelta
from typing import Any

from pymongo.database import Database

from backend.businesses import repository as businesses
from backend.inspections import repository as inspections
from backend.officers import repository as officers
from backend.penalties import repository as penalties
from backend.profiles import repository as profiles
from backend.random_draw import repository
from backend.random_draw.schemas import RISK_BY_TRADE, RiskLevel, Weights

HISTORY_LIMIT = 200  # inspections looked back on per business (previous inspectors, failures)


def risk_level(business: dict[str, Any], graded: str | None = None) -> RiskLevel:
    """The risk level the business's public record shows (`graded`, from its inspections and
    penalties); else a level recorded on the business; else the trade's documented proxy."""
    for level in (graded or "", str(business.get("risk_level", ""))):
        if level in RiskLevel.__members__:
            return RiskLevel(level)
    return RISK_BY_TRADE[business["trade"]]


def weight(weights: Weights, *, risk: RiskLevel, penalty: bool, failed_inspection: bool) -> float:
    value = weights.risk[risk] * (weights.penalty if penalty else 1.0) * \
        (weights.failed_inspection if failed_inspection else 1.0)
    return round(value, 6)  # a fixed number of decimals keeps the canonical JSON stable


def _draws_this_year(db: Database, year: int) -> dict[str, int]:
    counts: dict[str, int] = {}
    for plan in repository.drawn_since(db, datetime(year, 1, 1)):
        for target in plan.get("drawn", []):
            counts[target["business_code"]] = counts.get(target["business_code"], 0) + 1
    return counts


def _day(value: datetime) -> date:
    return value.date()


def _entry(db: Database, business: dict[str, Any], plan: dict[str, Any], since: date,
           year: int, drawn: dict[str, int], graded: str | None) -> dict[str, Any]:
    weights = Weights(**plan["weights"])
    history = inspections.latest_for_business(db, business["code"], limit=HISTORY_LIMIT)
    recent = [row for row in history if _day(row["date"]) >= since]
    penalised = any(_day(row["decided_on"]) >= since
                    for row in penalties.for_business(db, business["code"]))
    failed = any(row["result"] == "non_compliant" for row in recent)
    random_inspections = sum(1 for row in history if row.get("source") == "random_draw"
                             and _day(row["date"]).year == year)
    times = max(drawn.get(business["code"], 0), random_inspections)
    risk = risk_level(business, graded)
    return {"code": business["code"], "district": business["district"], "trade": business["trade"],
            "risk_level": risk.value, "penalty": penalised, "failed_inspection": failed,
            "weight": weight(weights, risk=risk, penalty=penalised, failed_inspection=failed),
            "draws_this_year": times, "eligible": times < plan["max_per_year"],
            # The team of the latest inspection must not come back (rotation); a small unit
            # would run out of officers if everyone who ever inspected the business were barred.
            "previous_inspectors": sorted(history[0].get("officer_ids", [])) if history else []}


def build(db: Database, plan: dict[str, Any], *, today: date) -> dict[str, Any]:
    since = today - timedelta(days=365 * Weights(**plan["weights"]).credit_years)
    drawn = _draws_this_year(db, today.year)
    scope = businesses.in_scope(db, districts=plan["districts"], trades=plan["trades"])
    graded = profiles.risk_levels(db, [business["code"] for business in scope])
    entries = [_entry(db, business, plan, since, today.year, drawn, graded.get(business["code"]))
               for business in scope]
    roster = [{"id": officer["_id"], "name": officer["name"], "badge_number": officer["badge_number"]}
              for officer in officers.in_unit(db, plan["unit_id"])]
    return {
        "plan_id": plan["_id"], "unit_id": plan["unit_id"], "as_of": today.isoformat(),
        "base_ratio": plan["base_ratio"], "max_per_year": plan["max_per_year"],
        "officers_per_inspection": plan["officers_per_inspection"], "weights": plan["weights"],
        "businesses": entries, "officers": roster,
        "conflicts": [list(pair) for pair in repository.conflicts(db, [o["id"] for o in roster])]}
