"""Shapes of a piece of special equipment as registered, updated and published."""

import re
from datetime import date, timedelta
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, Field, field_validator, model_validator

from backend import clock, identifiers, record_dates
from backend.clean_text import ChangedText, Text
from backend.clock import Instant
from backend.errors import Invalid
from backend.i18n import N_
from backend.paging import PageMeta

# 设备代码: digits and capitals (the national code is 20 digits; older local codes vary).
CODE_PATTERN = re.compile(r"^[0-9A-Z-]{4,30}$")
FAULT_PHONE = r"^[0-9+\- ]*$"  # optional: digits, spaces, + and -


class EquipmentKind(StrEnum):
    ELEVATOR = "elevator"
    ESCALATOR = "escalator"
    BOILER = "boiler"
    PRESSURE_VESSEL = "pressure_vessel"
    LIFTING_MACHINERY = "lifting_machinery"


KIND_LABELS = {
    EquipmentKind.ELEVATOR: N_("Elevator"),
    EquipmentKind.ESCALATOR: N_("Escalator"),
    EquipmentKind.BOILER: N_("Boiler"),
    EquipmentKind.PRESSURE_VESSEL: N_("Pressure vessel"),
    EquipmentKind.LIFTING_MACHINERY: N_("Lifting machinery"),
}


def normalize_code(value: str) -> str:
    code = value.strip().upper()
    if not CODE_PATTERN.match(code):
        raise Invalid("An equipment code has 4 to 30 digits or capital letters.")
    return code


def maintenance_overdue(last_maintained_on: date | None, today: date, every_days: int) -> bool:
    """Overdue once the last maintenance is more than `every_days` days ago (or never recorded)."""
    return last_maintained_on is None or today - last_maintained_on > timedelta(days=every_days)


def inspection_overdue(next_inspection_on: date | None, today: date) -> bool:
    """The periodic inspection (定期检验) is due on its day; the day after, it is overdue."""
    return next_inspection_on is not None and next_inspection_on < today


class EquipmentCreate(BaseModel):
    code: str
    registration_number: str = identifiers.documented(  # 使用登记证编号
        identifiers.EQUIPMENT_REGISTRATION, min_length=4, max_length=40)
    kind: EquipmentKind
    business_code: str  # the user unit (使用单位)
    place: Text = Field("", max_length=120)  # where in the building, e.g. "2号楼东侧客梯"
    maintenance_company: Text = Field("", max_length=120)
    last_maintained_on: date | None = None
    next_inspection_on: date | None = None

    @field_validator("code")
    @classmethod
    def _valid_code(cls, value: str) -> str:
        return normalize_code(value)

    _registration_format = field_validator("registration_number")(
        identifiers.equipment_registration)

    @model_validator(mode="after")
    def _plausible_dates(self) -> "EquipmentCreate":
        _check_dates(self.last_maintained_on, self.next_inspection_on)
        return self


def _check_dates(last_maintained_on: date | None, next_inspection_on: date | None) -> None:
    """A maintenance done, not ahead; neither date before the earliest a record may carry."""
    record_dates.check(last_maintained_on, in_future=N_("A maintenance cannot be dated in the future."))
    record_dates.not_before_earliest(next_inspection_on)


class EquipmentUpdate(BaseModel):
    """What changes over the equipment's life; fields left out stay as they are."""

    maintenance_company: ChangedText = Field(None, max_length=120)
    last_maintained_on: date | None = None
    next_inspection_on: date | None = None
    place: ChangedText = Field(None, max_length=120)

    @model_validator(mode="after")
    def _something_and_not_future(self) -> "EquipmentUpdate":
        if not self.model_fields_set:
            raise Invalid("Nothing to change.")
        _check_dates(self.last_maintained_on, self.next_inspection_on)
        return self


class EquipmentPublic(BaseModel):
    code: str
    registration_number: str
    kind: EquipmentKind
    business_code: str
    business_name: str
    district: str
    place: str = ""
    maintenance_company: str = ""
    last_maintained_on: date | None = None
    next_inspection_on: date | None = None
    maintenance_overdue: bool
    inspection_overdue: bool

    @classmethod
    def from_stored(cls, item: dict[str, Any], *, today: date,
                    maintenance_days: int) -> "EquipmentPublic":
        maintained = clock.from_stored(item.get("last_maintained_on"))
        inspection = clock.from_stored(item.get("next_inspection_on"))
        return cls(
            code=item["code"], registration_number=item["registration_number"],
            kind=item["kind"], business_code=item["business_code"],
            business_name=item.get("business_name", ""), district=item["district"],
            place=item.get("place", ""), maintenance_company=item.get("maintenance_company", ""),
            last_maintained_on=maintained, next_inspection_on=inspection,
            maintenance_overdue=maintenance_overdue(maintained, today, maintenance_days),
            inspection_overdue=inspection_overdue(inspection, today))


class EquipmentListed(BaseModel):
    """A piece as the user unit's QR page names it, with a link to its own page."""

    code: str
    kind: EquipmentKind
    place: str = ""
    overdue: bool  # maintenance or periodic inspection, on the reader's day


class EquipmentSummary(BaseModel):
    count: int  # all of the business's equipment; `items` names the first few
    items: list[EquipmentListed]

    @classmethod
    def from_stored(cls, row: dict[str, Any], *, today: date,
                    maintenance_days: int) -> "EquipmentSummary":
        def overdue(item: dict[str, Any]) -> bool:
            return (maintenance_overdue(clock.from_stored(item.get("last_maintained_on")), today,
                                        maintenance_days)
                    or inspection_overdue(clock.from_stored(item.get("next_inspection_on")), today))

        return cls(count=row["count"], items=[
            EquipmentListed(code=item["code"], kind=item["kind"], place=item.get("place") or "",
                            overdue=overdue(item)) for item in row["items"]])


class EquipmentsPublic(BaseModel):
    data: list[EquipmentPublic]
    meta: PageMeta


class FaultReport(BaseModel):
    text: Text = Field(min_length=2, max_length=1000)
    phone: str = identifiers.documented(FAULT_PHONE, default="", max_length=20)

    @field_validator("phone")
    @classmethod
    def _phone(cls, value: str) -> str:
        # in words, as the complaint form says it, rather than pydantic's "not in the expected form"
        if not re.fullmatch(FAULT_PHONE, value):
            raise Invalid("This does not look like a phone number.")
        return value


class FaultReceived(BaseModel):
    equipment_code: str
    received_at: Instant
    answer_by: date  # the working day by which an officer deals with it
