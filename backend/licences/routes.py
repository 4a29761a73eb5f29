"""Recording licences and staff certificates of a business, and keeping its staff current."""

from fastapi import APIRouter

from backend.business_records import Withdrawal, Withdrawn
from backend.deps import DbDep, SignedInDep
from backend.licences import service
from backend.licences.schemas import LicenceCreate, LicenceRecorded, LicencesKept
from backend.staff import service as staff
from backend.staff.schemas import (
    CertificateRenewal,
    Departure,
    StaffCreate,
    StaffMember,
    StaffMembers,
    StaffRecorded,
)

router = APIRouter(prefix="/businesses/{code}", tags=["licences and staff"])


@router.post("/licences", response_model=LicenceRecorded, status_code=201)
def record_licence(db: DbDep, actor: SignedInDep, code: str, data: LicenceCreate) -> LicenceRecorded:
    """The business itself or an officer over its district."""
    return service.record(db, actor=actor, code=code, data=data)


@router.get("/licences", response_model=LicencesKept)
def list_licences(db: DbDep, actor: SignedInDep, code: str) -> LicencesKept:
    """Every licence recorded, newest issue first, with its id; `current`: on the public page (not
    replaced by a later issue); `withdrawable`: the caller may withdraw it. The business itself or
    its officers."""
    return service.list_for(db, actor=actor, code=code)


@router.post("/licences/{licence_id}/withdrawal", response_model=Withdrawn)
def withdraw_licence(db: DbDep, actor: SignedInDep, code: str, licence_id: str,
                     data: Withdrawal) -> Withdrawn:
    """A licence recorded by mistake leaves the public page, the expiry warnings and the lists'
    criteria, kept as withdrawn with the reason. An officer over the business's district at any
    time; the business's account that recorded it within 24 hours."""
    return service.withdraw(db, actor=actor, code=code, licence_id=licence_id, data=data)


@router.post("/staff", response_model=StaffRecorded, status_code=201)
def record_staff(db: DbDep, actor: SignedInDep, code: str, data: StaffCreate) -> StaffRecorded:
    """The member as recorded (name and phone too: the caller is the business or its officer)."""
    return staff.record(db, actor=actor, code=code, data=data)


@router.get("/staff", response_model=StaffMembers)
def list_staff(db: DbDep, actor: SignedInDep, code: str) -> StaffMembers:
    """Every member recorded, with full names, certificate history and `left_on` (null while
    employed); `current`: listed on the public page. The business itself or its officers."""
    return staff.list_for(db, actor=actor, code=code)


@router.put("/staff/{member_id}/certificate", response_model=StaffMember)
def renew_certificate(db: DbDep, actor: SignedInDep, code: str, member_id: str,
                      data: CertificateRenewal) -> StaffMember:
    """The new certificate replaces the current one, which joins the member's history."""
    return staff.renew(db, actor=actor, code=code, member_id=member_id, data=data)


@router.post("/staff/{member_id}/departure", response_model=StaffMember)
def record_departure(db: DbDep, actor: SignedInDep, code: str, member_id: str,
                     data: Departure) -> StaffMember:
    """The member leaves the public page, the expiry warnings and the review form."""
    return staff.record_departure(db, actor=actor, code=code, member_id=member_id, data=data)


@router.post("/staff/{member_id}/withdrawal", response_model=Withdrawn)
def withdraw_staff(db: DbDep, actor: SignedInDep, code: str, member_id: str,
                   data: Withdrawal) -> Withdrawn:
    """A member recorded by mistake leaves the public page and the staff list (not as a former
    member), kept as withdrawn with the reason. Who may: as for a licence."""
    return staff.withdraw(db, actor=actor, code=code, member_id=member_id, data=data)
