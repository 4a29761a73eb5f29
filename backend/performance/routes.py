"""Public per-unit figures: anyone may read them."""

from fastapi import APIRouter

from backend.deps import DbDep
from backend.performance import service
from backend.performance.schemas import PerformancePublic

router = APIRouter(prefix="/performance", tags=["performance"])


@router.get("", response_model=PerformancePublic)
def unit_performance(db: DbDep) -> PerformancePublic:
    """Closure rate (closed / due), on-time rate and complainant satisfaction, per unit."""
    return service.by_unit(db)
