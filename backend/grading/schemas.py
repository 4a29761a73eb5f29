"""The standing section as the QR page and the API show it, judged on the reader's day."""

from datetime import date
from typing import Any

from pydantic import BaseModel

from backend import clock


class BandPublic(BaseModel):
    band: str  # excellent / good / fair, or the risk level A–D
    score: float
    on: date
    trend: str | None = None
    pending: bool = False  # an objection to what it rests on is open


class RiskPublic(BandPublic):
    per_year: list[int]  # inspections a year at this level, low and high


class ListingPublic(BaseModel):
    list: str
    edition: int
    criterion_id: str
    reason: str
    listed_since: date
    repair_from: date
    repair_days_left: int
    repaired_on: date | None = None  # credit repair approved: it leaves with the next edition


class StandingPublic(BaseModel):
    grade: BandPublic | None = None
    risk: RiskPublic | None = None
    black: ListingPublic | None = None
    red: ListingPublic | None = None
    pending: list[str] = []
    pending_until: date | None = None

    @classmethod
    def from_stored(cls, row: dict[str, Any] | None, *, today: date) -> "StandingPublic | None":
        if not row:
            return None

        def band(value: dict[str, Any] | None) -> dict[str, Any] | None:
            return None if value is None else value | {"on": clock.from_stored(value["on"])}

        def listing(value: dict[str, Any] | None) -> ListingPublic | None:
            if value is None:
                return None
            since, start = clock.from_stored(value["listed_since"]), clock.from_stored(value["repair_from"])
            assert since is not None and start is not None
            return ListingPublic(**value | {"listed_since": since, "repair_from": start,
                                            "repair_days_left": max(0, (start - today).days),
                                            "repaired_on": clock.from_stored(value.get("repaired_on"))})

        return cls(grade=band(row.get("grade")), risk=band(row.get("risk")),
                   black=listing(row.get("black")), red=listing(row.get("red")),
                   pending=row.get("pending", []),
                   pending_until=clock.from_stored(row.get("pending_until")))
