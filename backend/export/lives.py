"""The LIVES feed: businesses.csv, inspections.csv, violations.csv and feed_info.csv, streamed."""

import hashlib
from collections.abc import Iterator
from typing import Any

from pymongo.database import Database

from backend import clock
from backend.businesses import repository as businesses
from backend.businesses.schemas import Trade
from backend.config import get_settings
from backend.grading.rules import RESULT_POINTS
from backend.records import repository as records

BUSINESSES = ("business_id", "name", "address", "city", "state", "postal_code", "latitude",
              "longitude", "phone_number")
INSPECTIONS = ("business_id", "score", "date", "description", "type")
VIOLATIONS = ("business_id", "date", "code", "description")
FEED_INFO = ("feed_date", "feed_version", "municipality_name", "feed_url", "contact_email")
FEED_VERSION = "2.0"
# LIVES inspection types: initial, routine, followup, complaint.
LIVES_TYPES = {"routine": "routine", "random_draw": "routine", "special_campaign": "routine",
               "complaint": "complaint", "follow_up": "followup"}
# LIVES is the restaurant-hygiene feed (Yelp shows its score as a place's food safety): the food
# trades only, not a building's lift inspections.
FOOD_TRADES = {"trade": {"$in": [trade.value for trade in Trade if trade != Trade.SPECIAL_EQUIPMENT_USER]}}
RESULT_TEXT = {"compliant": "符合 Compliant", "basically_compliant": "基本符合 Basically compliant",
               "non_compliant": "不符合 Non-compliant"}


def _day(value: Any) -> str:
    day = clock.from_stored(value)
    return day.strftime("%Y%m%d") if day else ""


def violation_code(item: str) -> str:
    """A stable short code for a finding's text (the checklists have no national numbering)."""
    return "ML-" + hashlib.sha1(item.encode()).hexdigest()[:8].upper()


def business_rows(db: Database) -> Iterator[list[Any]]:
    state = get_settings().province
    for row in businesses.every(db, query=FOOD_TRADES):
        location = row.get("location") or {}
        yield [row["code"], row["name"], row["address"], row.get("district", ""), state, "",
               location.get("lat", ""), location.get("lng", ""), ""]  # phones are not published


def _public_inspections(db: Database) -> Iterator[dict[str, Any]]:
    return records.inspections(db, {"$and": [records.inspection_filter(on=clock.today()), FOOD_TRADES]})


def inspection_rows(db: Database) -> Iterator[list[Any]]:
    for row in _public_inspections(db):
        yield [row["business_code"], int(RESULT_POINTS[row["result"]]), _day(row["date"]),
               RESULT_TEXT[row["result"]], LIVES_TYPES.get(row["source"], "routine")]


def violation_rows(db: Database) -> Iterator[list[Any]]:
    for row in _public_inspections(db):
        for item in row.get("items_found", []):
            yield [row["business_code"], _day(row["date"]), violation_code(item), item]


def feed_rows() -> Iterator[list[Any]]:
    settings = get_settings()
    yield [clock.today().strftime("%Y%m%d"), FEED_VERSION, settings.municipality_name,
           f"{settings.base_url}/api/v1/export/lives.zip", settings.contact_email]


def files(db: Database) -> list[tuple[str, tuple[str, ...], Iterator[list[Any]]]]:
    return [("businesses.csv", BUSINESSES, business_rows(db)),
            ("inspections.csv", INSPECTIONS, inspection_rows(db)),
            ("violations.csv", VIOLATIONS, violation_rows(db)),
            ("feed_info.csv", FEED_INFO, feed_rows())]
