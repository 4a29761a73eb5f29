"""Shapes of a staff member as recorded and as the public sees them (name masked)."""

from collections import Counter
from datetime import date, timedelta
from typing import Any

from pydantic import BaseModel, Field, ValidationInfo, field_validator

from backend import clock, identifiers, record_dates
from backend.business_records import Recorded
from backend.clean_text import Text
from backend.config import get_settings
from backend.errors import Invalid
from backend.i18n import N_
from backend.licences.expiry import ExpiryStatus, expiry_status
from backend.privacy import mask_name


def _certificate_number() -> Any:
    return identifiers.documented(identifiers.HEALTH_CERTIFICATE, min_length=6, max_length=30)


def _issued_by_now(issued_on: date) -> date:
    """Checked on the field, so a form marks the day to mend."""
    record_dates.check(issued_on, in_future=N_("A health certificate cannot be issued in the future."))
    return issued_on


# The context a stored record is read back under: it was checked when recorded, and a rule added
# since (the phone's form, the longest validity) must not make an old record unreadable.
STORED = {"stored": True}


def _as_entered(info: ValidationInfo) -> bool:
    return not (info.context or {}).get("stored")


def _not_before_issue(expires_on: date, issued_on: date | None, *, entered: bool = True) -> date:
    """Named on the expiry day, so a form marks the field to mend; a certificate valid for longer
    than HEALTH_CERTIFICATE_MAX_DAYS (a 健康证 is valid for a year) is a typo, 2099 for 2026."""
    if issued_on is None:
        return expires_on
    if expires_on < issued_on:
        raise Invalid("A health certificate cannot expire before it is issued.")
    longest = get_settings().health_certificate_max_days
    if entered and expires_on > issued_on + timedelta(days=longest):
        raise Invalid("A health certificate is valid for at most {days} days from its issue day "
                      "(until {date}).", days=str(longest),
                      date=(issued_on + timedelta(days=longest)).isoformat())
    return expires_on


class StaffCreate(BaseModel):
    name: Text = Field(min_length=1, max_length=40)
    position: Text = Field("", max_length=40)
    phone: str = Field("", max_length=20)  # spaces and hyphens dropped (identifiers.phone)
    health_certificate_number: str = _certificate_number()
    certificate_issued_on: date
    certificate_expires_on: date

    _certificate_format = field_validator("health_certificate_number")(
        identifiers.health_certificate)
    _issued = field_validator("certificate_issued_on")(_issued_by_now)

    @field_validator("phone")
    @classmethod
    def _phone(cls, value: str, info: ValidationInfo) -> str:
        return identifiers.phone(value) if _as_entered(info) else value

    @field_validator("certificate_expires_on")
    @classmethod
    def _expires_after_issue(cls, value: date, info: ValidationInfo) -> date:
        return _not_before_issue(value, info.data.get("certificate_issued_on"),
                                 entered=_as_entered(info))


class CertificateRenewal(BaseModel):
    """A member's new health certificate (健康证), replacing the current one."""

    number: str = _certificate_number()
    issued_on: date
    expires_on: date

    _certificate_format = field_validator("number")(identifiers.health_certificate)
    _issued = field_validator("issued_on")(_issued_by_now)

    @field_validator("expires_on")
    @classmethod
    def _expires_after_issue(cls, value: date, info: ValidationInfo) -> date:
        return _not_before_issue(value, info.data.get("issued_on"))


class Departure(BaseModel):
    """The day a member stopped working at the business (离职)."""

    left_on: date

    @field_validator("left_on")
    @classmethod
    def _not_ahead(cls, value: date) -> date:
        record_dates.check(value, in_future=N_("A departure cannot be recorded for a day ahead."))
        return value


class PastCertificate(BaseModel):
    number: str
    issued_on: date
    expires_on: date
    replaced_at: clock.Instant


class StaffRecorded(Recorded, StaffCreate):
    """Answered to the business or officer who recorded the member (not published: name, phone)."""


class StaffMember(StaffRecorded):
    """A member as the business and its officers keep them: the current certificate, the earlier
    ones, and the day they left (None while employed). `current`: listed on the public page;
    `withdrawable`: the one asking may withdraw the record as entered by mistake."""

    left_on: date | None = None
    certificate_history: list[PastCertificate] = []
    current: bool = True
    withdrawable: bool = False

    @classmethod
    def from_stored(cls, member: dict[str, Any], *, current: bool,
                    withdrawable: bool = False) -> "StaffMember":
        history = [PastCertificate(number=row["number"], issued_on=_day(row["issued_on"]),
                                   expires_on=_day(row["expires_on"]), replaced_at=row["replaced_at"])
                   for row in member.get("certificate_history", [])]
        return cls.model_validate({
            "id": str(member["_id"]), "business_code": member["business_code"],
            "created_at": member["created_at"], "name": member["name"],
            "position": member.get("position", ""), "phone": member.get("phone", ""),
            "health_certificate_number": member["health_certificate_number"],
            "certificate_issued_on": _day(member["certificate_issued_on"]),
            "certificate_expires_on": _day(member["certificate_expires_on"]),
            "left_on": clock.from_stored(member.get("left_on")), "certificate_history": history,
            "current": current, "withdrawable": withdrawable}, context=STORED)


class StaffMembers(BaseModel):
    data: list[StaffMember]
    count: int


def _day(stored: Any) -> date:
    day = clock.from_stored(stored)
    assert day is not None
    return day


# Who is still on the staff, and with which certificate: one rule for the public page, the expiry
# warnings and the review form alike.

def departed(member: dict[str, Any]) -> bool:
    return member.get("left_on") is not None


# Set on every member recorded since renewals have a step of their own (`service.renew`): such a
# record is a person of its own, whatever their name. Rows without it were stored before, when a
# business could record a renewed certificate only as a second member.
SEPARATE_PERSON = "separate_person"


def same_person(member: dict[str, Any], other: dict[str, Any]) -> bool:
    """Two records of one person: two records stored before renewals existed, with the same name
    and no two different phones. Namesakes recorded since are different people (李娜, 王伟)."""
    if member.get(SEPARATE_PERSON) or other.get(SEPARATE_PERSON):
        return False
    phones = {member.get("phone") or "", other.get("phone") or ""} - {""}
    return member["name"] == other["name"] and len(phones) <= 1


def superseded(member: dict[str, Any], others: list[dict[str, Any]]) -> bool:
    """Whether another record of the same person holds a later certificate (departed or not: a
    departure recorded on the newer record does not bring the older one back)."""
    return any(same_person(member, other)
               and other["certificate_expires_on"] > member["certificate_expires_on"]
               for other in others)


def current_members(members: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The members still employed, each once, with their current certificate, in the order given."""
    return [member for member in members
            if not departed(member) and not superseded(member, members)]


class StaffPublic(BaseModel):
    masked_name: str
    position: str
    certificate_status: ExpiryStatus
    certificate_expires_on: date

    @staticmethod
    def publishable(member: dict[str, Any]) -> dict[str, Any]:
        """All of a staff member that may be published: masked name, position, expiry day."""
        return {"masked_name": mask_name(member["name"]), "position": member.get("position", ""),
                "certificate_expires_on": member["certificate_expires_on"]}

    @classmethod
    def from_stored(cls, entry: dict[str, Any], *, today: date, within_days: int) -> "StaffPublic":
        expires_on = clock.from_stored(entry["certificate_expires_on"])
        assert expires_on is not None
        return cls(masked_name=entry["masked_name"], position=entry["position"],
                   certificate_expires_on=expires_on,
                   certificate_status=expiry_status(expires_on, today, within_days))


class StaffSummary(BaseModel):
    """What a consumer needs: how many certificates are valid, expiring and expired."""

    total: int
    valid: int
    expiring: int
    expired: int
    members: list[StaffPublic]

    @classmethod
    def from_stored(cls, entries: list[dict[str, Any]], *, today: date,
                    within_days: int) -> "StaffSummary":
        members = [StaffPublic.from_stored(entry, today=today, within_days=within_days)
                   for entry in entries]
        counts = Counter(member.certificate_status for member in members)
        return cls(total=len(members), valid=counts[ExpiryStatus.VALID],
                   expiring=counts[ExpiryStatus.EXPIRING], expired=counts[ExpiryStatus.EXPIRED],
                   members=members)
