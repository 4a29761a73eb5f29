"""Recording inspections."""

from fastapi import APIRouter

from backend.deps import DbDep, SignedInDep
from backend.inspections import service
from backend.inspections.schemas import InspectionCreate, InspectionPublic

router = APIRouter(prefix="/inspections", tags=["inspections"])


@router.post("", response_model=InspectionPublic, status_code=201)
def record_inspection(db: DbDep, actor: SignedInDep, data: InspectionCreate) -> InspectionPublic:
    return service.record(db, actor=actor, data=data)
