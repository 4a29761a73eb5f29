"""Gathers, per business, the dated facts the list criteria read, in bounded batches."""

from collections import defaultdict
from collections.abc import Iterator
from datetime import date, datetime, time
from itertools import islice
from typing import Any

from pymongo.database import Database

from backend import clock
from backend.businesses import repository as businesses
from backend.grading.rules import Inspected
from backend.inspections import repository as inspections
from backend.lists.rules import Facts, PenaltyFact
from backend.penalties import repository as penalties
from backend.repair import repository as repair

BATCH = 1000


def gather(db: Database, *, since: date, until: date) -> Iterator[tuple[dict[str, Any], Facts]]:
    """Only businesses with an inspection or a penalty in the window can match any criterion."""
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
        for business in businesses.get_many(db, batch).values():
            code = business["code"]
            decided = repaired.get(code)  # an instant: its day is the municipality's, as pages show it
            yield business, Facts(code, business["trade"], seen.get(code, []),
                                  punished.get(code, []), clock.day_of(decided) if decided else None)
