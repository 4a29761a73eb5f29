"""Shapes of a business as it is created and as the public sees it."""

from datetime import date
from enum import StrEnum

from pydantic import BaseModel, Field, field_validator

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


class BusinessUpdate(BaseModel):
    """What may change about a registered business; its code and district stay."""

    name: ChangedText = Field(None, min_length=1, max_length=120)
    address: ChangedText = Field(None, min_length=1, max_length=200)
    grid: ChangedText = Field(None, max_length=40)
    location: Location | None = None


class BusinessPublic(BaseModel):
    code: str
    name: str
    trade: Trade
    address: str
    district: str
    grid: str = ""
    location: Location | None = None
    established_on: date | None = None


class BusinessesPublic(BaseModel):
    data: list[BusinessPublic]
    meta: PageMeta
