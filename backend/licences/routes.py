"""Recording licences and staff certificates of a business."""

from fastapi import APIRouter

from backend.deps import DbDep, SignedInDep
from backend.licences import service
from backend.licences.schemas import LicenceCreate
from backend.staff import service as staff
from backend.staff.schemas import StaffCreate

router = APIRouter(prefix="/businesses/{code}", tags=["licences and staff"])


@router.post("/licences", status_code=201)
def record_licence(db: DbDep, actor: SignedInDep, code: str, data: LicenceCreate) -> dict[str, str]:
    service.record(db, actor=actor, code=code, data=data)
    return {"status": "recorded"}


@router.post("/staff", status_code=201)
def record_staff(db: DbDep, actor: SignedInDep, code: str, data: StaffCreate) -> dict[str, str]:
    staff.record(db, actor=actor, code=code, data=data)
    return {"status": "recorded"}
