"""Shapes of a licence as recorded and as the public sees it."""

from datetime import date, timedelta
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, Field, ValidationInfo, field_validator

from backend import clock, identifiers, record_dates
from backend.business_records import Recorded
from backend.clean_text import Text
from backend.config import get_settings
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


# Valid five years and never long-term (食品经营许可和备案管理办法, 食品生产许可管理办法): at most
# FOOD_LICENCE_MAX_DAYS from the issue day. A business licence's operating term (营业期限) and a
# special equipment registration (使用登记证, lapsing with its periodic inspection) may be long-term.
FOOD_LICENCES = frozenset({LicenceKind.FOOD_BUSINESS_LICENCE, LicenceKind.FOOD_PRODUCTION_LICENCE})
NEVER_LONG_TERM = N_("A food business or food production licence is never long-term: enter its expiry date.")


def _longest_validity(kind: LicenceKind | None, issued_on: date, expires_on: date) -> None:
    """Invalid for a food licence valid longer than FOOD_LICENCE_MAX_DAYS (2200 for 2031)."""
    longest = get_settings().food_licence_max_days
    if kind in FOOD_LICENCES and expires_on > issued_on + timedelta(days=longest):
        raise Invalid("A food business or food production licence is valid for at most {days} days "
                      "from its issue day (until {date}).", days=str(longest),
                      date=(issued_on + timedelta(days=longest)).isoformat())


class LicenceCreate(BaseModel):
    """Each refusal is named on its field (the number, the issue day, the expiry day), so a form
    marks the one to mend."""

    kind: LicenceKind
    number: str = identifiers.documented(identifiers.LICENCE_NUMBER, min_length=4, max_length=40)
    issued_on: date
    expires_on: date | None = Field(None, validate_default=True)  # None: long-term (长期)
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

    @field_validator("expires_on", mode="before")
    @classmethod
    def _a_day_or_long_term(cls, value: Any, info: ValidationInfo) -> Any:
        """An empty expiry day (a form's field left blank) says what to do, not "must be a date"."""
        if isinstance(value, str) and not value.strip():
            if info.data.get("kind") in FOOD_LICENCES:
                raise Invalid(NEVER_LONG_TERM)
            raise Invalid("Enter the expiry date, or tick long-term if the licence has none.")
        return value

    @field_validator("expires_on")
    @classmethod
    def _expires_within_validity(cls, value: date | None, info: ValidationInfo) -> date | None:
        kind, issued_on = info.data.get("kind"), info.data.get("issued_on")
        if value is None:
            if kind in FOOD_LICENCES:
                raise Invalid(NEVER_LONG_TERM)
            return value
        if issued_on is not None:
            if value < issued_on:
                raise Invalid("A licence cannot expire before it is issued.")
            _longest_validity(kind, issued_on, value)
        return value

    def for_business(self, business: dict[str, Any]) -> "LicenceCreate":
        """Checked again against the business's record (its founding day, 成立日期)."""
        return LicenceCreate.model_validate(self.model_dump(), context={"business": business})


class LicenceRecorded(Recorded, LicenceCreate):
    pass


class LicenceKept(Recorded):
    """A licence as the business and its officers keep it, read back as stored (not checked again
    against rules added since). `current`: not replaced by a later issue, so on the public page;
    `withdrawable`: the one asking may withdraw it as recorded by mistake."""

    kind: LicenceKind
    number: str
    issued_on: date
    expires_on: date | None
    issuer: str = ""
    current: bool = True
    withdrawable: bool = False

    @classmethod
    def from_stored(cls, licence: dict[str, Any], *, current: bool, withdrawable: bool) -> "LicenceKept":
        return cls(id=str(licence["_id"]), business_code=licence["business_code"],
                   created_at=licence["created_at"], kind=licence["kind"], number=licence["number"],
                   issued_on=clock.from_stored(licence["issued_on"]),
                   expires_on=clock.from_stored(licence.get("expires_on")),
                   issuer=licence.get("issuer", ""), current=current, withdrawable=withdrawable)


class LicencesKept(BaseModel):
    data: list[LicenceKept]
    count: int


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
