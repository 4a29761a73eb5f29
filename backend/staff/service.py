"""Recording staff, renewing their health certificates and their departures, and listing them for
the business and its officers (the public page shows them masked, through the profile)."""

from datetime import date
from typing import Any, NoReturn

from pymongo.database import Database
from pymongo.errors import DuplicateKeyError

from backend import clock, record_dates
from backend.business_records import Withdrawal, Withdrawn
from backend.businesses import service as businesses
from backend.errors import Conflict, Invalid, NotFound
from backend.expiry import service as expiry
from backend.i18n import N_
from backend.profiles import service as profiles
from backend.reviews.staff_stars import staff_ref
from backend.staff import repository
from backend.staff.schemas import (
    SEPARATE_PERSON,
    CertificateRenewal,
    Departure,
    StaffCreate,
    StaffMember,
    StaffMembers,
    StaffRecorded,
    current_members,
)
from backend.users import permissions
from backend.users.schemas import Actor


def _business(db: Database, actor: Actor | None, code: str) -> dict[str, Any]:
    """The business, once the actor is its own account or an officer over its district."""
    business = businesses.get(db, code=code)
    permissions.require_member_or_officer(actor, code=business["code"],
                                          district=business["district"])
    return business


# A certificate number is recorded once per business, current or renewed since.
ON_RECORD = N_("Health certificate {number} is already recorded for this business.")


def _not_on_record(db: Database, code: str, number: str) -> None:
    """Conflict for a number a member holds or held (the unique index sees only current ones)."""
    if repository.number_on_record(db, code, number):
        raise Conflict(ON_RECORD, number=number)


def record(db: Database, *, actor: Actor | None, code: str, data: StaffCreate) -> StaffRecorded:
    business = _business(db, actor, code)  # the issue day is checked by the schema
    _not_on_record(db, business["code"], data.health_certificate_number)
    document = data.model_dump() | {
        "business_code": business["code"],
        "certificate_issued_on": clock.to_stored(data.certificate_issued_on),
        "certificate_expires_on": clock.to_stored(data.certificate_expires_on),
        "left_on": None, "created_at": clock.now(), SEPARATE_PERSON: True,
        "recorded_by": actor.username if actor else None}
    try:
        record_id = repository.insert(db, document)
    except DuplicateKeyError as exc:
        raise Conflict(ON_RECORD, number=data.health_certificate_number) from exc
    profiles.publish_change(db, actor=actor, action="staff.record", code=business["code"],
                            data=document)
    return StaffRecorded(**data.model_dump(), id=record_id, business_code=business["code"],
                         created_at=document["created_at"])


def list_for(db: Database, *, actor: Actor | None, code: str) -> StaffMembers:
    """Everyone recorded, departed too, with full names: for the business and its officers only."""
    business = _business(db, actor, code)
    rows = _as_kept(actor, business, repository.with_ids(db, business["code"]))
    return StaffMembers(data=rows, count=len(rows))


def _as_kept(actor: Actor | None, business: dict[str, Any],
             members: list[dict[str, Any]]) -> list[StaffMember]:
    current, now = {member["_id"] for member in current_members(members)}, clock.now()

    def withdrawable(member: dict[str, Any]) -> bool:
        return permissions.may_withdraw(actor, code=business["code"], district=business["district"],
                                        recorded_by=member.get("recorded_by"),
                                        recorded_at=member["created_at"], now=now)
    return [StaffMember.from_stored(member, current=member["_id"] in current,
                                    withdrawable=withdrawable(member)) for member in members]


def _member(db: Database, business: dict[str, Any], member_id: str) -> dict[str, Any]:
    member = repository.get(db, business["code"], member_id)
    if member is None:
        _gone(db, business, member_id)
    return member


def _gone(db: Database, business: dict[str, Any], member_id: str) -> NoReturn:
    """NotFound for an id the business never had; Conflict, saying when and why, for a record
    withdrawn already (a form sent again, another officer first)."""
    kept = repository.withdrawn(db, business["code"], member_id)
    if kept is None:
        raise NotFound("No staff member of this business has the id {id}.", id=member_id)
    raise Conflict("The record of {name} was withdrawn on {date}: {reason}", name=kept["name"],
                   date=clock.day_of(kept["withdrawal"]["at"]).isoformat(),
                   reason=kept["withdrawal"]["reason"])


def _employed(member: dict[str, Any]) -> None:
    left_on = clock.from_stored(member.get("left_on"))
    if left_on is not None:
        raise Conflict("{name} left the business on {date}: a former member's certificate is not "
                       "renewed.", name=member["name"], date=left_on.isoformat())


def _newer_than_current(member: dict[str, Any], data: CertificateRenewal) -> None:
    issued_on = clock.from_stored(member["certificate_issued_on"])
    assert issued_on is not None
    if data.issued_on < issued_on:
        raise Invalid("The new certificate cannot be older than the current one, issued on {date}.",
                      date=issued_on.isoformat())
    if data.number == member["health_certificate_number"] and data.issued_on == issued_on:
        raise Conflict("Health certificate {number} issued on {date} is already the current one.",
                       number=data.number, date=issued_on.isoformat())
    expires_on = clock.from_stored(member["certificate_expires_on"])
    assert expires_on is not None
    if data.expires_on < expires_on:
        raise Invalid("The new certificate cannot expire before the current one, which expires on "
                      "{date}.", date=expires_on.isoformat())


def renew(db: Database, *, actor: Actor | None, code: str, member_id: str,
          data: CertificateRenewal) -> StaffMember:
    """The member's new certificate replaces the current one, which is kept in their history;
    reviews keep naming them by the same public handle."""
    business = _business(db, actor, code)
    member = _member(db, business, member_id)
    _employed(member)
    _newer_than_current(member, data)
    _not_on_record(db, business["code"], data.number)  # this member's own number too
    certificate = {"health_certificate_number": data.number,
                   "certificate_issued_on": clock.to_stored(data.issued_on),
                   "certificate_expires_on": clock.to_stored(data.expires_on)}
    past = {"number": member["health_certificate_number"],
            "issued_on": member["certificate_issued_on"],
            "expires_on": member["certificate_expires_on"], "replaced_at": clock.now()}
    member["public_ref"] = staff_ref(business["code"], member)
    try:
        changed = repository.renew(db, member, certificate, past)
    except DuplicateKeyError as exc:
        raise Conflict(ON_RECORD, number=data.number) from exc
    if not changed:
        raise Conflict("This staff member was changed meanwhile; reload the page and try again.")
    profiles.publish_change(db, actor=actor, action="staff.renew", code=business["code"],
                            data={"staff_id": member_id, "name": member["name"]} | certificate
                            | {"previous": past})
    return _reread(db, actor, business, member_id)


def _plausible_departure(member: dict[str, Any], business: dict[str, Any], left_on: date) -> None:
    record_dates.check(left_on, in_future=N_("A departure cannot be recorded for a day ahead."),
                       business=business)
    issued = [clock.from_stored(member["certificate_issued_on"])] + [
        clock.from_stored(row["issued_on"]) for row in member.get("certificate_history", [])]
    first = min(day for day in issued if day is not None)
    if left_on < first:
        raise Invalid("{name} cannot have left before their first health certificate, issued on "
                      "{date}.", name=member["name"], date=first.isoformat())


def record_departure(db: Database, *, actor: Actor | None, code: str, member_id: str,
                     data: Departure) -> StaffMember:
    """The member leaves the public page, the expiry warnings and the review form; their record,
    and the reviews naming them, stay."""
    business = _business(db, actor, code)
    member = _member(db, business, member_id)
    left_on = clock.from_stored(member.get("left_on"))
    if left_on is not None:
        raise Conflict("{name} is already recorded as having left on {date}.",
                       name=member["name"], date=left_on.isoformat())
    _plausible_departure(member, business, data.left_on)
    stored = clock.to_stored(data.left_on)
    assert stored is not None
    if not repository.set_departure(db, member["_id"], stored):
        raise Conflict("This staff member was changed meanwhile; reload the page and try again.")
    profiles.publish_change(db, actor=actor, action="staff.departure", code=business["code"],
                            data={"staff_id": member_id, "name": member["name"], "left_on": stored})
    return _reread(db, actor, business, member_id)


def _reread(db: Database, actor: Actor | None, business: dict[str, Any], member_id: str) -> StaffMember:
    """The member as now stored, and whether the public page lists them."""
    return next(row for row in _as_kept(actor, business, repository.with_ids(db, business["code"]))
                if row.id == member_id)


def withdraw(db: Database, *, actor: Actor | None, code: str, member_id: str,
             data: Withdrawal) -> Withdrawn:
    """A member recorded by mistake (nobody of that name worked there, a wrong certificate) leaves
    the public page, the expiry warnings and the review form, and not as a former member: the
    record is kept, marked withdrawn, and the audit trail says who withdrew it, when and why. Who
    may: `permissions.require_may_withdraw`."""
    business = _business(db, actor, code)
    member, now = _member(db, business, member_id), clock.now()
    who = permissions.require_may_withdraw(
        actor, code=business["code"], district=business["district"],
        recorded_by=member.get("recorded_by"), recorded_at=member["created_at"], now=now)
    withdrawal = {"at": now, "by": who.username, "role": who.role.value, "reason": data.reason}
    if not repository.withdraw(db, member, withdrawal):
        _gone(db, business, member_id)
    expiry.withdrawn(db, member=member)  # its warnings not yet sent are not sent
    profiles.publish_change(db, actor=who, action="staff.withdraw", code=business["code"], data={
        "staff_id": member_id, "name": member["name"],
        "health_certificate_number": member["health_certificate_number"], "reason": data.reason})
    return Withdrawn(id=member_id, business_code=business["code"], reason=data.reason,
                     withdrawn_by=who.username, withdrawn_at=now)
