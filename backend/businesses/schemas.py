"""Shapes of a business as it is created and as the public sees it."""

from datetime import date
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, Field, field_validator

from backend import identifiers
from backend.businesses import credit_code
from backend.clean_text import ChangedText, Text
from backend.i18n import N_
from backend.paging import PageMeta


class Trade(StrEnum):
    CATERING = "catering"
    FOOD_SALES = "food_sales"
    FOOD_PRODUCTION = "food_production"
    SMALL_WORKSHOP = "small_workshop"
    SPECIAL_EQUIPMENT_USER = "special_equipment_user"


TRADE_LABELS = {
    Trade.CATERING: N_("Catering service"),
    Trade.FOOD_SALES: N_("Food sales"),
    Trade.FOOD_PRODUCTION: N_("Food production"),
    Trade.SMALL_WORKSHOP: N_("Small food workshop"),
    Trade.SPECIAL_EQUIPMENT_USER: N_("Special equipment user"),
}


class Location(BaseModel):
    lat: float = Field(ge=-90, le=90)
    lng: float = Field(ge=-180, le=180)


class BusinessCreate(BaseModel):
    code: str
    name: Text = Field(min_length=1, max_length=120)
    trade: Trade
    address: Text = Field(min_length=1, max_length=200)
    district: str = Field(min_length=1, max_length=40)
    grid: Text = Field("", max_length=40)
    location: Location | None = None
    contact_name: Text = Field("", max_length=40)
    contact_phone: str = Field("", max_length=20)
    # 成立日期, from the business licence: no record of the business may be dated before it.
    established_on: date | None = None

    @field_validator("code")
    @classmethod
    def _valid_code(cls, value: str) -> str:
        return credit_code.normalize(value)

    _phone = field_validator("contact_phone")(identifiers.phone)


class BusinessUpdate(BaseModel):
    """What may change about a registered business; its code and district stay."""

    name: ChangedText = Field(None, min_length=1, max_length=120)
    address: ChangedText = Field(None, min_length=1, max_length=200)
    grid: ChangedText = Field(None, max_length=40)
    location: Location | None = None
    # Where expiry notices go (never published): a business that changed its phone gets them again.
    contact_name: ChangedText = Field(None, max_length=40)
    contact_phone: ChangedText = Field(None, max_length=20)

    @field_validator("contact_phone")
    @classmethod
    def _phone(cls, value: str | None) -> str | None:
        return None if value is None else identifiers.phone(value)


class BusinessPublic(BaseModel):
    code: str
    name: str
    trade: Trade
    address: str
    district: str
    grid: str = ""
    location: Location | None = None
    established_on: date | None = None


class Letter(StrEnum):
    """The bands written as letters: the consumer grade (A 满意 / B 较满意 / C 合格 / D 差) and
    the risk level (风险等级, A lowest)."""

    A = "A"
    B = "B"
    C = "C"
    D = "D"


class GradeShown(BaseModel):
    band: str
    score: float
    pending: bool = False  # an objection to what it rests on is open


class ListedGrades(BaseModel):
    """A listed business's grades as its public record holds them; each null while it has none."""

    consumer: GradeShown | None = Field(None, description="Consumer satisfaction grade A–D, from reviews "
                                        "(score 0–100)")
    quantified: GradeShown | None = Field(None, description="Quantified grade (量化分级) from "
                                          "inspections: excellent, good or fair")
    risk: GradeShown | None = Field(None, description="Risk level (风险等级) A–D")

    @classmethod
    def from_profile(cls, profile: dict[str, Any] | None) -> "ListedGrades":
        """From the fields `profiles.repository.LISTED_GRADES` reads."""
        profile = profile or {}
        standing = profile.get("standing") or {}
        consumer, risk = (profile.get("grades") or {}).get("consumer"), standing.get("risk") or {}
        return cls(consumer=consumer or None, quantified=standing.get("grade") or None,
                   risk=risk if risk.get("band") else None)


class BusinessListed(BusinessPublic):
    """A row of a listing or search."""

    grades: ListedGrades | None = None  # the API reads them for every row; other callers may not
    distance_km: float | None = None  # from the place searched near, where one was given


class BusinessesPublic(BaseModel):
    data: list[BusinessListed]
    meta: PageMeta
