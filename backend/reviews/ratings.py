"""Ratings by district and trade (大众评价榜): businesses ranked by consumer grade, and band counts."""

from enum import StrEnum
from typing import Any

from pydantic import BaseModel
from pymongo.database import Database

from backend import paging
from backend.businesses.schemas import Trade
from backend.paging import PageMeta
from backend.profiles import repository as profiles

BANDS = ("A", "B", "C", "D")


class Order(StrEnum):
    BEST = "best"  # A before D, the highest score first within a band
    WORST = "worst"  # D before A, the lowest score first


class RankedBusiness(BaseModel):
    code: str
    name: str
    district: str
    trade: str
    band: str
    score: float
    reviews_counted: int


class RankedBusinesses(BaseModel):
    data: list[RankedBusiness]
    meta: PageMeta


class BandCounts(BaseModel):
    by_district: dict[str, dict[str, int]]  # district → band → businesses; graded districts only
    by_trade: dict[str, dict[str, int]]


def ranked(db: Database, *, district: str = "", trade: str = "", order: Order = Order.BEST,
           page_number: int = 1, page_size: int = 20) -> RankedBusinesses:
    """A page of the graded businesses in a district and trade (any, where not given): band A to D
    and the highest score first, or D to A and the lowest first; then by code. Counted and read a
    band at a time in the database, so a page reads its own rows (and those before it in its
    band), never every profile."""
    paging.check(page_number, page_size)
    bands = BANDS if order is Order.BEST else BANDS[::-1]
    counts = _counts(db, district=district, trade=trade)
    skip = paging.skip(page_number, page_size)
    rows: list[dict[str, Any]] = []
    for band in bands:
        if len(rows) == page_size:
            break
        if skip >= counts[band]:
            skip -= counts[band]
            continue
        rows += profiles.ranked_in_band(db, band=band, district=district, trade=trade,
                                        lowest_first=order is Order.WORST, skip=skip,
                                        limit=page_size - len(rows))
        skip = 0
    return RankedBusinesses(data=[_ranked(row) for row in rows],
                            meta=PageMeta.of(sum(counts.values()), page_number, page_size))


def _ranked(row: dict[str, Any]) -> RankedBusiness:
    business, grade = row["business"], row["grades"]["consumer"]
    return RankedBusiness(code=row["_id"], name=business["name"], district=business["district"],
                          trade=business["trade"], band=grade["band"], score=grade["score"],
                          reviews_counted=grade["reviews_counted"])


def _counts(db: Database, *, district: str = "", trade: str = "") -> dict[str, int]:
    return {band: profiles.count_in_band(db, band=band, district=district, trade=trade)
            for band in BANDS}


def band_counts(db: Database, *, districts: list[str]) -> BandCounts:
    """How many businesses hold each band in each of these districts, and in each trade: one
    count per district (or trade) and band, each answered from an index."""
    by_district = {district: _counts(db, district=district) for district in sorted(districts)}
    by_trade = {trade.value: _counts(db, trade=trade.value) for trade in Trade}
    return BandCounts(by_district={k: v for k, v in by_district.items() if any(v.values())},
                      by_trade={k: v for k, v in by_trade.items() if any(v.values())})
