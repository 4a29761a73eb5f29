"""Shapes of a licence as recorded and as the public sees it."""

from datetime import date
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, Field, ValidationInfo, field_validator

from backend import clock, identifiers, record_dates
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
    """Each refusal is named on its field (the number, the issue day, the expiry day), so a form
    marks the one to mend."""

    kind: LicenceKind
    number: str = identifiers.documented(identifiers.LICENCE_NUMBER, min_length=4, max_length=40)
    issued_on: date
    expires_on: date | None = None  # None: long-term (长期)
    issuer: Text = Field("", max_length=80)

    @field_validator("number")
    @classmethod
    def _number_of_its_kind(cls, value: str, info: ValidationInfo) -> str:
        kind = info.data.get("kind")
        return NUMBER_FORMATS[kind](value) if kind in NUMBER_FORMATS else value

    @field_validator("issued_on")
    @classmethod
    def _issued_plausibly(cls, value: date, info: ValidationInfo) -> date:
        """Not ahead of today; not before the business was established where it is known (the
        validation context of `for_business`)."""
        record_dates.check(value, in_future=N_("A licence cannot be issued in the future."),
                           business=(info.context or {}).get("business"))
        return value

    @field_validator("expires_on")
    @classmethod
    def _expires_after_issue(cls, value: date | None, info: ValidationInfo) -> date | None:
        issued_on = info.data.get("issued_on")
        if value is not None and issued_on is not None and value < issued_on:
            raise Invalid("A licence cannot expire before it is issued.")
        return value

    def for_business(self, business: dict[str, Any]) -> "LicenceCreate":
        """Checked again against the business's record (its founding day, 成立日期)."""
        return LicenceCreate.model_validate(self.model_dump(), context={"business": business})


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
