"""Gathers, per business, the dated facts the list criteria read, in bounded batches."""

from collections import defaultdict
from collections.abc import Iterator
from datetime import date, datetime, time
from itertools import islice
from typing import Any

from pymongo.database import Database

from backend import clock
from backend.businesses import repository as businesses
from backend.equipment import repository as equipment
from backend.grading.rules import Inspected
from backend.inspections import repository as inspections
from backend.licences import repository as licences
from backend.lists.rules import EquipmentFact, Facts, LicenceFact, PenaltyFact
from backend.penalties import repository as penalties
from backend.repair import repository as repair

BATCH = 1000


def gather(db: Database, *, since: date, until: date,
           papers: bool = False) -> Iterator[tuple[dict[str, Any], Facts]]:
    """Only businesses with an inspection or a penalty in the window can match any criterion.
    `papers`: also their licences and special equipment (a criterion reads them), a batch at a time."""
    start, end = datetime.combine(since, time()), datetime.combine(until, time())
    seen: dict[str, list[Inspected]] = defaultdict(list)
    for row in inspections.dated_between(db, start, end):
        seen[row["business_code"]].append(Inspected(row["date"].date(), row["result"]))
    punished: dict[str, list[PenaltyFact]] = defaultdict(list)
    for row in penalties.dated_between(db, start, end):
        punished[row["business_code"]].append(PenaltyFact(
            row["decision_number"], row["decided_on"].date(), tuple(row["measures"]),
            float(row.get("fine_yuan", 0))))
    repaired = repair.approvals(db)
    codes = iter(sorted(set(seen) | set(punished)))
    while batch := list(islice(codes, BATCH)):
        held, used = _papers(db, batch) if papers else ({}, {})
        for business in businesses.get_many(db, batch).values():
            code = business["code"]
            decided = repaired.get(code)  # an instant: its day is the municipality's, as pages show it
            yield business, Facts(code, business["trade"], seen.get(code, []),
                                  punished.get(code, []), clock.day_of(decided) if decided else None,
                                  licences=held.get(code, []), equipment=used.get(code, []))


def _papers(db: Database, codes: list[str]) -> tuple[dict[str, list[LicenceFact]],
                                                     dict[str, list[EquipmentFact]]]:
    held: dict[str, list[LicenceFact]] = defaultdict(list)
    for row in licences.of_businesses(db, codes):
        held[row["business_code"]].append(LicenceFact(row["kind"], row["number"], row["issued_on"].date(),
                                                      clock.from_stored(row.get("expires_on"))))
    used: dict[str, list[EquipmentFact]] = defaultdict(list)
    for row in equipment.of_businesses(db, codes):
        registered = row.get("created_at")
        used[row["business_code"]].append(EquipmentFact(
            row["code"], clock.day_of(registered) if registered else date.min,
            clock.from_stored(row.get("last_maintained_on")),
            clock.from_stored(row.get("next_inspection_on"))))
    return held, used
