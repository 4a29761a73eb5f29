"""Open data: published inspections, penalties and the officer register, as JSON or CSV."""

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import Response

from backend.deps import DbDep
from backend.inspections.schemas import InspectionResult
from backend.penalties.schemas import PenaltyMeasure
from backend.records import officers, service
from backend.records.csv import csv_response
from backend.records.schemas import Counts, InspectionRecord, InspectionsPage, PenaltiesPage, PenaltyRecord
from backend.records.service import Filters

router = APIRouter(prefix="/records", tags=["open data: enforcement records"])

PageNumber = Annotated[int, Query(ge=1, le=1_000_000)]
PageSize = Annotated[int, Query(ge=1, le=service.MAX_PAGE_SIZE)]
Format = Annotated[str, Query(pattern="^(json|csv)$", description="json (paged) or csv (all rows)")]
District = Annotated[str, Query(max_length=40)]


@router.get("/inspections", response_model=InspectionsPage)
def list_inspections(db: DbDep, district: District = "", trade: str = "",
                     result: InspectionResult | None = None, dateFrom: date | None = None,  # noqa: N803
                     dateTo: date | None = None, pageNumber: PageNumber = 1,  # noqa: N803
                     pageSize: PageSize = 20, format: Format = "json"  # noqa: N803
                     ) -> InspectionsPage | Response:
    """Results public now: published within 20 working days, until the next inspection."""
    # Checked here: a CSV answer has started streaming before the service would check them.
    filters = Filters(district, trade, result.value if result else "", dateFrom, dateTo).check()
    if format == "csv":
        return csv_response("inspections.csv", InspectionRecord.model_fields,
                            service.all_inspections(db, filters=filters))
    return service.inspections(db, filters=filters, page_number=pageNumber, page_size=pageSize)


@router.get("/inspections/counts", response_model=Counts)
def count_inspections(db: DbDep, district: District = "", trade: str = "",
                      dateFrom: date | None = None, dateTo: date | None = None  # noqa: N803
                      ) -> Counts:
    return service.inspection_counts(db, filters=Filters(district, trade, "", dateFrom, dateTo))


@router.get("/penalties", response_model=PenaltiesPage)
def list_penalties(db: DbDep, district: District = "", trade: str = "",
                   measure: PenaltyMeasure | None = None, dateFrom: date | None = None,  # noqa: N803
                   dateTo: date | None = None, pageNumber: PageNumber = 1,  # noqa: N803
                   pageSize: PageSize = 20, format: Format = "json"  # noqa: N803
                   ) -> PenaltiesPage | Response:
    """Decisions still in their publication period."""
    filters = Filters(district, trade, measure.value if measure else "", dateFrom, dateTo).check()
    if format == "csv":
        return csv_response("penalties.csv", PenaltyRecord.model_fields,
                            service.all_penalties(db, filters=filters))
    return service.penalties(db, filters=filters, page_number=pageNumber, page_size=pageSize)


@router.get("/penalties/counts", response_model=Counts)
def count_penalties(db: DbDep, district: District = "", trade: str = "",
                    dateFrom: date | None = None, dateTo: date | None = None  # noqa: N803
                    ) -> Counts:
    return service.penalty_counts(db, filters=Filters(district, trade, "", dateFrom, dateTo))


@router.get("/officers", response_model=officers.OfficersPage)
def list_officers(db: DbDep, unit: str = "", pageNumber: PageNumber = 1,  # noqa: N803
                  pageSize: PageSize = 20, format: Format = "json"  # noqa: N803
                  ) -> officers.OfficersPage | Response:
    if format == "csv":
        everyone = officers.register(db, unit_id=unit, page_size=10_000).data
        return csv_response("officers.csv", officers.OfficerRow.model_fields, everyone)
    return officers.register(db, unit_id=unit, page_number=pageNumber, page_size=pageSize)
