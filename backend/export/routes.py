"""Bulk downloads: the LIVES feed as one zip, streamed while it is written."""

from fastapi import APIRouter
from fastapi.responses import StreamingResponse

from backend.deps import DbDep
from backend.export import lives
from backend.export.zipstream import zip_of_csvs

router = APIRouter(prefix="/export", tags=["open data: exports"])


@router.get("/lives.zip", response_class=StreamingResponse)
def lives_zip(db: DbDep) -> StreamingResponse:
    """LIVES-compatible feed (businesses, inspections, violations, feed_info) of public records."""
    return StreamingResponse(zip_of_csvs(lives.files(db)), media_type="application/zip",
                             headers={"Content-Disposition": 'attachment; filename="lives.zip"'})
