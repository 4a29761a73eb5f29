"""The grid → officer mapping: read by signed-in staff, changed by administrators."""

from typing import Annotated

from fastapi import APIRouter, Path, Query

from backend.clean_text import FieldText
from backend.deps import DbDep, SignedInDep
from backend.grids import service
from backend.grids.schemas import GridAssignment, GridPublic, GridsPublic
from backend.paging import PageNumber, PageSize

router = APIRouter(prefix="/grids", tags=["grids"])
# As long as a business's district and grid may be (the grid is named on the business).
District = Annotated[FieldText, Path(min_length=1, max_length=40)]
Grid = Annotated[FieldText, Path(min_length=1, max_length=40)]


@router.get("", response_model=GridsPublic)
def list_grids(db: DbDep, actor: SignedInDep, district: Annotated[str, Query(max_length=40)] = "",
               pageNumber: PageNumber = 1,  # noqa: N803 - FHRS names
               pageSize: PageSize = 20) -> GridsPublic:  # noqa: N803
    return service.listed(db, actor=actor, district=district, page_number=pageNumber, page_size=pageSize)


@router.put("/{district}/{grid}", response_model=GridPublic)
def assign_grid(db: DbDep, actor: SignedInDep, district: District, grid: Grid,
                data: GridAssignment) -> GridPublic:
    return service.assign(db, actor=actor, district=district, grid=grid, data=data)
