"""Officers' public profiles, and the administrators' units and officer records."""

from typing import Annotated

from fastapi import APIRouter, Query, status

from backend.deps import DbDep, SignedInDep
from backend.officers import admin, service
from backend.officers.schemas import (
    OfficerChange,
    OfficerCreate,
    OfficerPublic,
    OfficerRecord,
    OfficerRecords,
    OfficerUpdate,
    UnitChange,
    UnitCreate,
    UnitsPublic,
    UnitUpdate,
)
from backend.paging import PageNumber, PageSize

router = APIRouter(prefix="/officers", tags=["officers"])
units_router = APIRouter(prefix="/units", tags=["officers"])


@router.get("", response_model=OfficerRecords)
def list_officers(db: DbDep, actor: SignedInDep, unit_id: Annotated[str, Query(max_length=20)] = "",
                  pageNumber: PageNumber = 1,  # noqa: N803 - FHRS names
                  pageSize: PageSize = 20) -> OfficerRecords:  # noqa: N803
    """Administrators: every officer record with unit, status and accounts (the public register
    is /records/officers)."""
    return admin.officers(db, actor=actor, unit_id=unit_id, page_number=pageNumber, page_size=pageSize)


@router.post("", response_model=OfficerRecord, status_code=status.HTTP_201_CREATED)
def create_officer(db: DbDep, actor: SignedInDep, data: OfficerCreate) -> OfficerRecord:
    return admin.add_officer(db, actor=actor, data=data)


@router.get("/{officer_id}", response_model=OfficerPublic)
def get_officer(db: DbDep, officer_id: str) -> OfficerPublic:
    return service.public_profile(db, officer_id=officer_id)


@router.patch("/{officer_id}", response_model=OfficerChange)
def update_officer(db: DbDep, actor: SignedInDep, officer_id: str, data: OfficerUpdate) -> OfficerChange:
    """Move to another unit (`unit_id`); `in_service` false: left the service (record kept public,
    accounts disabled). Their open tasks outside the districts they still cover go back to their
    old unit's queue (`tasks_returned` says how many), and their grids too."""
    return admin.update_officer(db, actor=actor, officer_id=officer_id, data=data)


@units_router.get("", response_model=UnitsPublic)
def list_units(db: DbDep, actor: SignedInDep, pageNumber: PageNumber = 1,  # noqa: N803 - FHRS names
               pageSize: PageSize = 20) -> UnitsPublic:  # noqa: N803
    return admin.units(db, actor=actor, page_number=pageNumber, page_size=pageSize)


@units_router.post("", response_model=UnitChange, status_code=status.HTTP_201_CREATED)
def create_unit(db: DbDep, actor: SignedInDep, data: UnitCreate) -> UnitChange:
    """A new unit; the open tasks of its districts (waiting while no unit covered them) are in its
    queue, those still assigned to another unit's officer back in it (`tasks_moved`, `tasks_unassigned`)."""
    return admin.add_unit(db, actor=actor, data=data)


@units_router.patch("/{unit_id}", response_model=UnitChange)
def update_unit(db: DbDep, actor: SignedInDep, unit_id: str, data: UnitUpdate,
                dry_run: bool = False) -> UnitChange:
    """A new `name` (another unit's, but for case and spaces, is refused), or the whole list of
    `districts` redrawn (none of another unit's: it gives a district up first). The unit's
    officers answer for the new districts at once; their grids outside them are cleared
    (`grids_released`); a district's open tasks follow it to the unit that covers it now
    (`tasks_moved`, `tasks_unassigned` of them losing an assignee who no longer covers them), and
    wait while none does (`tasks_waiting`). `dry_run=true`: the same answer, nothing changed."""
    if dry_run:
        return admin.unit_change_preview(db, actor=actor, unit_id=unit_id, data=data)
    return admin.update_unit(db, actor=actor, unit_id=unit_id, data=data)
