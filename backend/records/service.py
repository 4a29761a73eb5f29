"""Published inspections and penalties for everyone: filtered, paged (FHRS `meta`), counted, streamed."""

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from pymongo.database import Database

from backend import clock, paging
from backend.businesses.schemas import Trade
from backend.errors import Invalid
from backend.paging import PageMeta
from backend.records import repository, rules
from backend.records.schemas import Counts, InspectionRecord, InspectionsPage, PenaltiesPage, PenaltyRecord


@dataclass(frozen=True)
class Filters:
    district: str = ""
    trade: str = ""
    outcome: str = ""  # an inspection result, or a penalty measure
    date_from: date | None = None
    date_to: date | None = None

    def check(self) -> "Filters":
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise Invalid("The start date is after the end date.")
        if self.trade and self.trade not in {trade.value for trade in Trade}:  # a typo: not "none"
            raise Invalid("There is no trade {trade}: choose one of the trades offered.",
                          trade=self.trade[:40])
        return self


def _inspection_query(filters: Filters, on: date) -> dict[str, Any]:
    f = filters.check()
    return repository.inspection_filter(on=on, district=f.district, trade=f.trade,
                                        result=f.outcome, date_from=f.date_from, date_to=f.date_to)


def _penalty_query(filters: Filters, on: date) -> dict[str, Any]:
    f = filters.check()
    return repository.penalty_filter(on=on, district=f.district, trade=f.trade, measure=f.outcome,
                                     date_from=f.date_from, date_to=f.date_to)


def _inspection(row: dict[str, Any]) -> InspectionRecord:
    return InspectionRecord.from_stored(row, publish_by=rules.publish_by(row["date"].date()))


def inspections(db: Database, *, filters: Filters, page_number: int = 1,
                page_size: int = 20) -> InspectionsPage:
    query = _inspection_query(filters, clock.today())
    rows = repository.inspections(db, query, skip=paging.skip(page_number, page_size), limit=page_size)
    return InspectionsPage(data=[_inspection(row) for row in rows],
                           meta=PageMeta.of(repository.count_inspections(db, query), page_number,
                                      page_size))


def all_inspections(db: Database, *, filters: Filters) -> Iterator[InspectionRecord]:
    """Every matching record, one at a time (CSV downloads)."""
    for row in repository.inspections(db, _inspection_query(filters, clock.today())):
        yield _inspection(row)


def penalties(db: Database, *, filters: Filters, page_number: int = 1,
              page_size: int = 20) -> PenaltiesPage:
    query = _penalty_query(filters, clock.today())
    rows = repository.penalties(db, query, skip=paging.skip(page_number, page_size), limit=page_size)
    return PenaltiesPage(data=[PenaltyRecord.from_stored(row) for row in rows],
                         meta=PageMeta.of(repository.count_penalties(db, query), page_number, page_size))


def all_penalties(db: Database, *, filters: Filters) -> Iterator[PenaltyRecord]:
    for row in repository.penalties(db, _penalty_query(filters, clock.today())):
        yield PenaltyRecord.from_stored(row)


def _tally(rows: Iterator[tuple[date, list[str], str]]) -> Counts:
    by_month: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    by_trade: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for day, outcomes, trade in rows:
        for outcome in outcomes:
            by_month[day.strftime("%Y-%m")][outcome] += 1
            by_trade[trade or "?"][outcome] += 1
    return Counts(by_month={k: dict(v) for k, v in sorted(by_month.items())},
                  by_trade={k: dict(v) for k, v in sorted(by_trade.items())})


def inspection_counts(db: Database, *, filters: Filters) -> Counts:
    rows = repository.inspection_facets(db, _inspection_query(filters, clock.today()))
    return _tally((row["date"].date(), [row["result"]], row.get("trade", "")) for row in rows)


def penalty_counts(db: Database, *, filters: Filters) -> Counts:
    rows = repository.penalty_facets(db, _penalty_query(filters, clock.today()))
    return _tally((row["decided_on"].date(), row["measures"], row.get("trade", "")) for row in rows)
