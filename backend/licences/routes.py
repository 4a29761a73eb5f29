"""Recording licences and staff certificates of a business."""

from fastapi import APIRouter

from backend.deps import DbDep, SignedInDep
from backend.licences import service
from backend.licences.schemas import LicenceCreate, LicenceRecorded
from backend.staff import service as staff
from backend.staff.schemas import StaffCreate, StaffRecorded

router = APIRouter(prefix="/businesses/{code}", tags=["licences and staff"])


@router.post("/licences", response_model=LicenceRecorded, status_code=201)
def record_licence(db: DbDep, actor: SignedInDep, code: str, data: LicenceCreate) -> LicenceRecorded:
    return service.record(db, actor=actor, code=code, data=data)


@router.post("/staff", response_model=StaffRecorded, status_code=201)
def record_staff(db: DbDep, actor: SignedInDep, code: str, data: StaffCreate) -> StaffRecorded:
    """The member as recorded (name and phone too: the caller is the business or its officer)."""
    return staff.record(db, actor=actor, code=code, data=data)
