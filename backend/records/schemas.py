"""Public enforcement records as open data: rows, FHRS-style pages and chart counts."""

import datetime as dt
from typing import Any

from pydantic import BaseModel

from backend import clock
from backend.paging import PageMeta


class InspectionRecord(BaseModel):
    id: str
    business_code: str
    business_name: str
    district: str
    trade: str
    date: dt.date
    source: str
    result: str
    items_found: list[str]
    opinion: str
    rectification_deadline: dt.date | None
    officers: list[str]  # "name (badge)"
    publish_by: dt.date

    @classmethod
    def from_stored(cls, row: dict[str, Any], *, publish_by: dt.date) -> "InspectionRecord":
        return cls(
            id=str(row["_id"]), business_code=row["business_code"],
            business_name=row.get("business_name", ""), district=row.get("district", ""),
            trade=row.get("trade", ""), date=clock.from_stored(row["date"]), source=row["source"],
            result=row["result"], items_found=row.get("items_found", []),
            opinion=row.get("opinion", ""),
            rectification_deadline=clock.from_stored(row.get("rectification_deadline")),
            officers=[f"{o['name']} ({o['badge_number']})" for o in row.get("officers", [])],
            publish_by=publish_by)


class PenaltyRecord(BaseModel):
    decision_number: str
    business_code: str
    business_name: str
    district: str
    trade: str
    facts: str
    legal_basis: str
    measures: list[str]
    fine_yuan: float
    decided_on: dt.date
    public_until: dt.date

    @classmethod
    def from_stored(cls, row: dict[str, Any]) -> "PenaltyRecord":
        fields = {k: v for k, v in row.items() if k in cls.model_fields}
        return cls(**fields | {"business_name": row.get("business_name", ""),
                               "district": row.get("district", ""), "trade": row.get("trade", ""),
                               "decided_on": clock.from_stored(row["decided_on"]),
                               "public_until": clock.from_stored(row["public_until"])})


class InspectionsPage(BaseModel):
    data: list[InspectionRecord]
    meta: PageMeta


class PenaltiesPage(BaseModel):
    data: list[PenaltyRecord]
    meta: PageMeta


class Counts(BaseModel):
    """Counts for the charts: per month and per trade, split by result (or measure)."""

    by_month: dict[str, dict[str, int]]
    by_trade: dict[str, dict[str, int]]
