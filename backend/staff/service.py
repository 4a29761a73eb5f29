"""Recording staff and summarising their health certificates for the public page."""

from pymongo.database import Database
from pymongo.errors import DuplicateKeyError

from backend import clock, record_dates
from backend.businesses import service as businesses
from backend.errors import Conflict
from backend.i18n import N_
from backend.profiles import service as profiles
from backend.staff import repository
from backend.staff.schemas import StaffCreate, StaffRecorded
from backend.users import permissions
from backend.users.schemas import Actor


def record(db: Database, *, actor: Actor | None, code: str, data: StaffCreate) -> StaffRecorded:
    business = businesses.get(db, code=code)
    permissions.require_member_or_officer(actor, code=business["code"],
                                          district=business["district"])
    record_dates.check(data.certificate_issued_on,
                       in_future=N_("A health certificate cannot be issued in the future."))
    document = data.model_dump() | {
        "business_code": business["code"],
        "certificate_issued_on": clock.to_stored(data.certificate_issued_on),
        "certificate_expires_on": clock.to_stored(data.certificate_expires_on),
        "created_at": clock.now()}
    try:
        record_id = repository.insert(db, document)
    except DuplicateKeyError as exc:
        raise Conflict("Health certificate {number} is already recorded for this business.",
                       number=data.health_certificate_number) from exc
    profiles.publish_change(db, actor=actor, action="staff.record", code=business["code"],
                            data=document)
    return StaffRecorded(**data.model_dump(), id=record_id, business_code=business["code"],
                         created_at=document["created_at"])

