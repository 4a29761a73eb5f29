"""Inspections by officers of the business's district unit, and the penalties that followed some."""

import struct
from datetime import UTC, date, datetime, timedelta
from typing import Any

from bson import ObjectId

from backend.businesses.schemas import Trade
from backend.inspections.schemas import InspectionResult
from backend.penalties.schemas import PenaltyCreate
from backend.penalties.service import public_until
from backend.seed import findings, penalty_cases
from backend.seed.context import RECORDED_BY, Context, recorded_at, stored
from backend.seed.places import District
from backend.seed.shops import FOOD_TRADES

INSPECTIONS_PER_BUSINESS = {0: 15, 1: 30, 2: 30, 3: 15, 4: 10}  # count → weight
INSPECTION_HISTORY_DAYS = 3 * 365
RECTIFICATION_DAYS = (7, 10, 15, 30)
PENALTY_HISTORY_DAYS = 5 * 365  # older than the 3-year publication period, so some have lapsed
PENALTY_AFTER_FAILURE = 0.35
PENALTY_OTHERWISE = 0.015


def _inspection_id(day: date, serial: int) -> ObjectId:
    """A deterministic ObjectId whose timestamp is the inspection day: the profile and officer
    pages link to it, so reruns with the same seed must give the same id."""
    seconds = int(datetime(day.year, day.month, day.day, tzinfo=UTC).timestamp())
    return ObjectId(struct.pack(">IQ", seconds, serial))


def _found(ctx: Context, food: bool, result: InspectionResult) -> list[str]:
    if result == InspectionResult.COMPLIANT:
        return []
    found = ctx.rng.sample(findings.findings(food, serious=False), ctx.rng.randint(1, 3))
    if result == InspectionResult.NON_COMPLIANT:
        found = ctx.rng.sample(findings.findings(food, serious=True), ctx.rng.randint(1, 2)) + found
    return found


def _inspection(ctx: Context, business: dict[str, Any], day: date, serial: int) -> dict[str, Any]:
    """Shaped as inspections.service.record stores it, officers' refs and business name included."""
    rng = ctx.rng
    food = Trade(business["trade"]) in FOOD_TRADES
    result = rng.choices(tuple(findings.RESULT_WEIGHTS), tuple(findings.RESULT_WEIGHTS.values()))[0]
    source = rng.choices(tuple(findings.SOURCE_WEIGHTS), tuple(findings.SOURCE_WEIGHTS.values()))[0]
    team = rng.sample(ctx.roster[business["district"]], rng.choice((2, 2, 2, 3)))
    checklist = findings.checklist(food)
    deadline = (None if result == InspectionResult.COMPLIANT
                else day + timedelta(days=rng.choice(RECTIFICATION_DAYS)))
    return {
        "_id": _inspection_id(day, serial), "business_code": business["code"],
        "date": stored(day), "source": source.value,
        "officer_ids": [officer["id"] for officer in team],
        "checked_items": rng.sample(checklist, rng.randint(min(5, len(checklist)), len(checklist))),
        "items_found": _found(ctx, food, result), "result": result.value,
        "opinion": findings.OPINIONS[result], "rectification_deadline": stored(deadline),
        "business_name": business["name"], "officers": [dict(officer) for officer in team],
        "district": business["district"], "trade": business["trade"], "superseded_on": None,
        "recorded_by": RECORDED_BY, "created_at": recorded_at(day)}


def inspections(ctx: Context, index: int, business: dict[str, Any],
                registered: date) -> list[dict[str, Any]]:
    rng = ctx.rng
    count = rng.choices(tuple(INSPECTIONS_PER_BUSINESS),
                        tuple(INSPECTIONS_PER_BUSINESS.values()))[0]
    span = max(0, min(INSPECTION_HISTORY_DAYS, (ctx.today - registered).days))
    days = sorted(ctx.days_ago(rng.randint(0, span)) for _ in range(count))
    serial_base = index * len(INSPECTIONS_PER_BUSINESS)
    rows = [_inspection(ctx, business, day, serial_base + n) for n, day in enumerate(days)]
    for row in rows:  # public until the business's next inspection
        row["superseded_on"] = min((r["date"] for r in rows if r["date"] > row["date"]), default=None)
    return rows


def _fine(ctx: Context, low: int, high: int) -> int:
    return low + 500 * ctx.rng.randint(0, (high - low) // 500)


def _decided_on(ctx: Context, failures: list[dict[str, Any]], registered: date) -> date:
    if failures:  # decided some weeks after the inspection that found the violation
        found_on = failures[-1]["date"].date()
        return min(ctx.today, found_on + timedelta(days=ctx.rng.randint(15, 60)))
    span = max(0, min(PENALTY_HISTORY_DAYS, (ctx.today - registered).days))
    return ctx.days_ago(ctx.rng.randint(0, span))


def penalties(ctx: Context, business: dict[str, Any], *, district: District,
              inspections: list[dict[str, Any]], registered: date) -> list[dict[str, Any]]:
    """Shaped as penalties.service.record stores it, publication period by its public_until."""
    rng = ctx.rng
    failures = [row for row in inspections if row["result"] == InspectionResult.NON_COMPLIANT]
    if rng.random() >= (PENALTY_AFTER_FAILURE if failures else PENALTY_OTHERWISE):
        return []
    case = rng.choice(penalty_cases.cases(Trade(business["trade"]) in FOOD_TRADES))
    decided_on = _decided_on(ctx, failures, registered)
    data = PenaltyCreate(
        business_code=business["code"],
        decision_number=ctx.decisions.next(district.abbreviation, decided_on.year),
        facts=case.facts.format(name=business["name"]), legal_basis=case.legal_basis,
        measures=list(case.measures), fine_yuan=_fine(ctx, *case.fine_yuan), decided_on=decided_on)
    return [data.model_dump(mode="json") | {
        "business_code": business["code"], "decided_on": stored(decided_on),
        "business_name": business["name"], "district": business["district"],
        "trade": business["trade"],
        "public_until": stored(public_until(data)), "created_at": recorded_at(decided_on)}]
