"""Shapes of a staff member as recorded and as the public sees them (name masked)."""

from collections import Counter
from datetime import date
from typing import Any

from pydantic import BaseModel, Field, field_validator, model_validator

from backend import clock, identifiers
from backend.business_records import Recorded
from backend.clean_text import Text
from backend.errors import Invalid
from backend.licences.expiry import ExpiryStatus, expiry_status
from backend.privacy import mask_name


class StaffCreate(BaseModel):
    name: Text = Field(min_length=1, max_length=40)
    position: Text = Field("", max_length=40)
    phone: str = Field("", max_length=20)
    health_certificate_number: str = identifiers.documented(
        identifiers.HEALTH_CERTIFICATE, min_length=6, max_length=30)
    certificate_issued_on: date
    certificate_expires_on: date

    _certificate_format = field_validator("health_certificate_number")(
        identifiers.health_certificate)

    @model_validator(mode="after")
    def _expires_after_issue(self) -> "StaffCreate":
        if self.certificate_expires_on < self.certificate_issued_on:
            raise Invalid("A health certificate cannot expire before it is issued.")
        return self


class StaffRecorded(Recorded, StaffCreate):
    """Answered to the business or officer who recorded the member (not published: name, phone)."""


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
