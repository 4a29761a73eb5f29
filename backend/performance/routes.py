"""Public per-unit figures: anyone may read them."""

from fastapi import APIRouter, Depends

from backend.deps import DbDep
from backend.paging import PageNumber, PageSize
from backend.performance import service
from backend.performance.schemas import PerformancePublic
from backend.strict_query import refuse_unknown_query

router = APIRouter(prefix="/performance", tags=["performance"],
                   dependencies=[Depends(refuse_unknown_query)])


@router.get("", response_model=PerformancePublic)
def unit_performance(
    db: DbDep,
    pageNumber: PageNumber = 1,  # noqa: N803 - FHRS names
    pageSize: PageSize = 20,  # noqa: N803
) -> PerformancePublic:
    """Closure rate (closed / due), on-time rate and complainant satisfaction, per unit, by unit id.
    `as_of` is the start of the minute the figures are computed for: a task counts as due once its
    deadline is before it. Within a minute an unchanged answer keeps its ETag (304 to
    If-None-Match). A query parameter not listed here is refused (422), not ignored."""
    return service.by_unit(db, page_number=pageNumber, page_size=pageSize)
