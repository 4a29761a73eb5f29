"""Open data: published inspections, penalties and the officer register, as JSON or CSV."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any, TypeVar

from fastapi import APIRouter, Depends, Query
from fastapi.responses import Response
from pydantic import BaseModel
from pymongo.database import Database

from backend.businesses.schemas import Trade
from backend.deps import DbDep
from backend.inspections.schemas import InspectionResult
from backend.paging import PageNumber, PageSize
from backend.penalties.schemas import PenaltyMeasure
from backend.records import officers, service
from backend.records.csv import Format, csv_response
from backend.records.schemas import Counts, InspectionRecord, InspectionsPage, PenaltiesPage, PenaltyRecord
from backend.records.service import Filters
from backend.strict_query import refuse_unknown_query

# A parameter these routes do not take is refused, not ignored (see backend.strict_query).
router = APIRouter(prefix="/records", tags=["open data: enforcement records"],
                   dependencies=[Depends(refuse_unknown_query)])

District = Annotated[str, Query(max_length=40)]
Page = TypeVar("Page", InspectionsPage, PenaltiesPage)


@dataclass
class Scope:
    """Where and when: the filters every enforcement listing and count takes."""

    district: District = ""
    trade: Trade | None = None   # a typo is refused with the trades, not answered with no rows
    dateFrom: date | None = None  # noqa: N815 - query names as in the FHRS API
    dateTo: date | None = None  # noqa: N815

    def filters(self, outcome: str = "") -> Filters:
        return Filters(self.district, self.trade.value if self.trade else "", outcome, self.dateFrom,
                       self.dateTo)


@dataclass
class Listing:
    """A listing's scope, page and format; answers with a page of JSON or every row as CSV."""

    scope: Annotated[Scope, Depends()]
    pageNumber: PageNumber = 1  # noqa: N815
    pageSize: PageSize = 20  # noqa: N815
    format: Format = "json"

    def answer(self, db: Database, outcome: str, *, csv_name: str, row: type[BaseModel],
               every: Callable[..., Iterable[Any]], page: Callable[..., Page]) -> Page | Response:
        # Checked here: a CSV answer has started streaming before the service would check them.
        filters = self.scope.filters(outcome).check()
        if self.format == "csv":
            return csv_response(csv_name, row.model_fields, every(db, filters=filters))
        return page(db, filters=filters, page_number=self.pageNumber, page_size=self.pageSize)


ScopeDep = Annotated[Scope, Depends()]
ListingDep = Annotated[Listing, Depends()]


@router.get("/inspections", response_model=InspectionsPage)
def list_inspections(db: DbDep, listing: ListingDep, result: InspectionResult | None = None
                     ) -> InspectionsPage | Response:
    """Results public now: published within 20 working days, until the next inspection."""
    return listing.answer(db, result.value if result else "", csv_name="inspections.csv",
                          row=InspectionRecord, every=service.all_inspections,
                          page=service.inspections)


@router.get("/inspections/counts", response_model=Counts)
def count_inspections(db: DbDep, scope: ScopeDep) -> Counts:
    return service.inspection_counts(db, filters=scope.filters())


@router.get("/penalties", response_model=PenaltiesPage)
def list_penalties(db: DbDep, listing: ListingDep, measure: PenaltyMeasure | None = None
                   ) -> PenaltiesPage | Response:
    """Decisions still in their publication period."""
    return listing.answer(db, measure.value if measure else "", csv_name="penalties.csv",
                          row=PenaltyRecord, every=service.all_penalties, page=service.penalties)


@router.get("/penalties/counts", response_model=Counts)
def count_penalties(db: DbDep, scope: ScopeDep) -> Counts:
    return service.penalty_counts(db, filters=scope.filters())


@router.get("/officers", response_model=officers.OfficersPage)
def list_officers(db: DbDep, unit: str = "", pageNumber: PageNumber = 1,  # noqa: N803
                  pageSize: PageSize = 20, format: Format = "json"  # noqa: N803
                  ) -> officers.OfficersPage | Response:
    if format == "csv":
        everyone = officers.register(db, unit_id=unit, page_size=10_000).data
        return csv_response("officers.csv", officers.OfficerRow.model_fields, everyone)
    return officers.register(db, unit_id=unit, page_number=pageNumber, page_size=pageSize)
