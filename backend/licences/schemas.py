"""Shapes of a licence as recorded and as the public sees it."""

from datetime import date
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, Field, model_validator

from backend import clock, identifiers
from backend.business_records import Recorded
from backend.clean_text import Text
from backend.errors import Invalid
from backend.i18n import N_
from backend.licences.expiry import ExpiryStatus, expiry_status


class LicenceKind(StrEnum):
    BUSINESS_LICENCE = "business_licence"
    FOOD_BUSINESS_LICENCE = "food_business_licence"
    FOOD_PRODUCTION_LICENCE = "food_production_licence"  # 食品生产许可证
    SPECIAL_EQUIPMENT_REGISTRATION = "special_equipment_registration"


LICENCE_LABELS = {
    LicenceKind.BUSINESS_LICENCE: N_("Business licence"),
    LicenceKind.FOOD_BUSINESS_LICENCE: N_("Food business licence"),
    LicenceKind.FOOD_PRODUCTION_LICENCE: N_("Food production licence"),
    LicenceKind.SPECIAL_EQUIPMENT_REGISTRATION: N_("Special equipment registration"),
}


# The format each kind's number follows; a business licence's is the business's own credit code,
# which only the service knows (identifiers.business_licence).
NUMBER_FORMATS = {
    LicenceKind.FOOD_BUSINESS_LICENCE: identifiers.food_business_licence,
    LicenceKind.FOOD_PRODUCTION_LICENCE: identifiers.food_production_licence,
    LicenceKind.SPECIAL_EQUIPMENT_REGISTRATION: identifiers.equipment_registration,
}


class LicenceCreate(BaseModel):
    kind: LicenceKind
    number: str = identifiers.documented(identifiers.LICENCE_NUMBER, min_length=4, max_length=40)
    issued_on: date
    expires_on: date | None = None  # None: long-term (长期)
    issuer: Text = Field("", max_length=80)

    @model_validator(mode="after")
    def _expires_after_issue(self) -> "LicenceCreate":
        if self.expires_on is not None and self.expires_on < self.issued_on:
            raise Invalid("A licence cannot expire before it is issued.")
        if self.kind in NUMBER_FORMATS:
            self.number = NUMBER_FORMATS[self.kind](self.number)
        return self


class LicenceRecorded(Recorded, LicenceCreate):
    pass


def superseded(licence: dict[str, Any], others: list[dict[str, Any]]) -> bool:
    """Whether a later issue of the same licence (same kind and number) replaces it: a renewal
    (延续) keeps the number and carries a new issue day. Another licence of the same kind (a second
    lift's registration) replaces nothing."""
    return any(other["kind"] == licence["kind"] and other["number"] == licence["number"]
               and other["issued_on"] > licence["issued_on"] for other in others)


def current_licences(licences: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The licences in force or lapsed, without those a later issue replaced, in the order given."""
    return [licence for licence in licences if not superseded(licence, licences)]


class LicencePublic(BaseModel):
    kind: LicenceKind
    number: str
    issued_on: date
    expires_on: date | None
    issuer: str = ""
    status: ExpiryStatus
    days_left: int | None

    @classmethod
    def from_stored(cls, licence: dict[str, Any], *, today: date,
                    within_days: int) -> "LicencePublic":
        expires_on = clock.from_stored(licence.get("expires_on"))
        return cls(kind=licence["kind"], number=licence["number"],
                   issued_on=clock.from_stored(licence["issued_on"]), expires_on=expires_on,
                   issuer=licence.get("issuer", ""),
                   status=expiry_status(expires_on, today, within_days),
                   days_left=None if expires_on is None else (expires_on - today).days)
