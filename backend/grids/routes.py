"""The grid → officer mapping: read by signed-in staff, changed by administrators."""

from fastapi import APIRouter

from backend.deps import DbDep, SignedInDep
from backend.grids import service
from backend.grids.schemas import GridAssignment, GridPublic

router = APIRouter(prefix="/grids", tags=["grids"])


@router.get("", response_model=list[GridPublic])
def list_grids(db: DbDep, actor: SignedInDep) -> list[GridPublic]:
    return service.list_all(db, actor=actor)


@router.put("/{district}/{grid}", response_model=GridPublic)
def assign_grid(db: DbDep, actor: SignedInDep, district: str, grid: str,
                data: GridAssignment) -> GridPublic:
    return service.assign(db, actor=actor, district=district, grid=grid, data=data)
