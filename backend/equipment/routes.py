"""Open data on special equipment, its registration and updates by officers, and fault reports."""

from typing import Annotated

from fastapi import APIRouter, Depends, Query

from backend.deps import ClientDep, DbDep, SignedInDep
from backend.equipment import service
from backend.equipment.schemas import (
    EquipmentCreate,
    EquipmentPublic,
    EquipmentsPublic,
    EquipmentUpdate,
    FaultReceived,
    FaultReport,
)
from backend.paging import PageNumber, PageSize
from backend.strict_query import refuse_unknown_query

# A parameter these routes do not take is refused, not ignored (see backend.strict_query).
router = APIRouter(prefix="/equipment", tags=["special equipment"],
                   dependencies=[Depends(refuse_unknown_query)])


@router.get("", response_model=EquipmentsPublic)
def list_equipment(
    db: DbDep,
    business_code: Annotated[str, Query(max_length=30, description="The user unit's credit code")] = "",
    district: Annotated[str, Query(max_length=40)] = "",
    overdue: Annotated[bool | None, Query(description="true: only equipment with an overdue "
                                                      "maintenance or inspection; false: only what "
                                                      "is not overdue; left out: all")] = None,
    pageNumber: PageNumber = 1,  # noqa: N803 - FHRS names
    pageSize: PageSize = 20,  # noqa: N803
) -> EquipmentsPublic:
    return service.search(db, business_code=business_code, district=district, overdue=overdue,
                          page_number=pageNumber, page_size=pageSize)


@router.get("/{code}", response_model=EquipmentPublic)
def get_equipment(db: DbDep, code: str) -> EquipmentPublic:
    """The same facts and warnings as the equipment's QR page (/e/<code>)."""
    return service.get(db, code=code)


@router.post("", response_model=EquipmentPublic, status_code=201)
def register_equipment(db: DbDep, actor: SignedInDep, data: EquipmentCreate) -> EquipmentPublic:
    return service.register(db, actor=actor, data=data)


@router.patch("/{code}", response_model=EquipmentPublic)
def update_equipment(db: DbDep, actor: SignedInDep, code: str,
                     data: EquipmentUpdate) -> EquipmentPublic:
    """Record a maintenance, a new inspection date, a new maintenance company or place."""
    return service.update(db, actor=actor, code=code, data=data)


@router.post("/{code}/faults", response_model=FaultReceived, status_code=201)
def report_fault(db: DbDep, client: ClientDep, code: str, data: FaultReport) -> FaultReceived:
    """Anyone may report a fault (rate-limited per address); it becomes an officer's task."""
    return service.report_fault(db, code=code, data=data, client=client)
