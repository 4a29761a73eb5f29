"""Ratings by district and trade (大众评价榜): businesses ranked by consumer grade, and band counts."""

from collections import Counter
from typing import Any

from pydantic import BaseModel
from pymongo.database import Database

from backend.profiles import repository as profiles

BANDS = ("A", "B", "C", "D")


class RankedBusiness(BaseModel):
    code: str
    name: str
    district: str
    trade: str
    band: str
    score: float
    reviews_counted: int


class Ratings(BaseModel):
    ranked: list[RankedBusiness]
    by_district: dict[str, dict[str, int]]  # district → band → businesses
    by_trade: dict[str, dict[str, int]]
    districts: list[str]


def ratings(db: Database, *, district: str = "", trade: str = "", limit: int = 20) -> Ratings:
    query: dict[str, Any] = {}
    if district:
        query["business.district"] = district
    if trade:
        query["business.trade"] = trade
    ranked = [RankedBusiness(code=row["_id"], name=row["business"]["name"],
                             district=row["business"]["district"], trade=row["business"]["trade"],
                             band=row["grades"]["consumer"]["band"],
                             score=row["grades"]["consumer"]["score"],
                             reviews_counted=row["grades"]["consumer"]["reviews_counted"])
              for row in profiles.best_graded(db, query, limit)]
    by_district: dict[str, Counter[str]] = {}
    by_trade: dict[str, Counter[str]] = {}
    for row in profiles.graded_bands(db):
        band = row["grades"]["consumer"]["band"]
        by_district.setdefault(row["business"]["district"], Counter())[band] += 1
        by_trade.setdefault(row["business"]["trade"], Counter())[band] += 1
    return Ratings(ranked=ranked,
                   by_district={k: {b: v[b] for b in BANDS} for k, v in sorted(by_district.items())},
                   by_trade={k: {b: v[b] for b in BANDS} for k, v in sorted(by_trade.items())},
                   districts=sorted(by_district))
