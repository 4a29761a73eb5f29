"""Bulk downloads: every business with its grades as CSV, and the LIVES feed as one zip, each
streamed while it is written."""

from typing import Annotated

from fastapi import APIRouter, Depends, Query
from fastapi.responses import StreamingResponse

from backend.businesses.schemas import Trade
from backend.deps import DbDep
from backend.export import directory, lives
from backend.export.zipstream import zip_of_csvs
from backend.records.csv import csv_response
from backend.strict_query import refuse_unknown_query

router = APIRouter(prefix="/export", tags=["open data: exports"])


@router.get("/businesses.csv", response_class=StreamingResponse,
            dependencies=[Depends(refuse_unknown_query)],
            responses={200: {"content": {"text/csv": {}}}})
def businesses_csv(db: DbDep, district: Annotated[str, Query(max_length=40)] = "",
                   trade: Trade | None = None) -> StreamingResponse:
    """Every business (of a district, a trade) with its consumer grade, quantified grade and risk
    level, band and score (empty while it has none), in code order: UTF-8 with a BOM."""
    return csv_response("businesses.csv", directory.COLUMNS, directory.rows(
        db, district=district, trade=trade.value if trade else ""))


@router.get("/lives.zip", response_class=StreamingResponse)
def lives_zip(db: DbDep) -> StreamingResponse:
    """LIVES-compatible feed (businesses, inspections, violations, feed_info) of public records."""
    return StreamingResponse(zip_of_csvs(lives.files(db)), media_type="application/zip",
                             headers={"Content-Disposition": 'attachment; filename="lives.zip"'})
