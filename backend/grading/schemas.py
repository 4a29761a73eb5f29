"""The standing section as the QR page and the API show it, judged on the reader's day."""

import datetime as dt
from datetime import date
from typing import Any

from pydantic import BaseModel

from backend import clock
from backend.penalties.schemas import still_public


class FactPublic(BaseModel):
    """A fact behind a score: an inspection (its result) or a penalty (its decision number while
    it is public; a penalty past its publication period still counts, unnamed and undated)."""

    kind: str  # inspection / penalty
    date: dt.date | None = None
    result: str | None = None  # an inspection's: compliant / basically_compliant / non_compliant
    decision_number: str | None = None
    serious: bool = False  # a penalty with suspension, confiscation or licence revoked

    @classmethod
    def from_stored(cls, row: dict[str, Any], *, today: dt.date) -> "FactPublic":
        if row["kind"] == "penalty" and not still_public(row, today):
            return cls(kind="penalty", serious=row.get("serious", False))
        return cls(**row | {"date": clock.from_stored(row["date"])})


class PartPublic(FactPublic):
    points: float  # what it scores (an inspection in the grade) or adds (to the risk)
    weight: float = 1.0  # in the grade: 3 for the newest inspection, then 2, then 1

    @classmethod
    def from_stored(cls, row: dict[str, Any], *, today: dt.date) -> "PartPublic":
        return cls(**FactPublic.from_stored(row, today=today).model_dump(),
                   points=row["points"], weight=row.get("weight", 1.0))


class BandPublic(BaseModel):
    band: str  # excellent / good / fair, or the risk level A–D
    score: float
    on: date  # since when the score holds: its newest fact's day, or the day one stopped counting
    trend: str | None = None
    pending: bool = False  # an objection to what it rests on is open
    before: float | None = None  # what the trend compares with
    counted: list[PartPublic] = []  # the facts behind the score, newest first
    stopped: list[FactPublic] = []  # facts that stopped counting on `on` (none: a new fact dates it)


class RiskPublic(BandPublic):
    per_year: list[int]  # inspections a year at this level, low and high
    static: float | None = None  # the part by trade; the rest is the counted facts', capped


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
            if value is None:
                return None
            return value | {"on": clock.from_stored(value["on"]),
                            "counted": [PartPublic.from_stored(row, today=today)
                                        for row in value.get("counted", [])],
                            "stopped": [FactPublic.from_stored(row, today=today)
                                        for row in value.get("stopped", [])]}

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
