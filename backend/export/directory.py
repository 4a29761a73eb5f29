"""Every business with its grades as one CSV (open data in bulk: a consumer app showing the grades
need not walk the paged API a hundred rows at a time), written while it is read."""

from collections.abc import Iterator
from itertools import islice
from typing import Any

from pymongo.database import Database

from backend import clock
from backend.businesses import repository as businesses
from backend.businesses.schemas import ListedGrades
from backend.profiles import repository as profiles

COLUMNS = ("code", "name", "address", "district", "grid", "trade", "established_on", "latitude",
           "longitude", "consumer_grade", "consumer_score", "quantified_grade", "quantified_score",
           "risk_level", "risk_score", "pending_objection")
BATCH = 1000


def rows(db: Database, *, district: str = "", trade: str = "") -> Iterator[dict[str, Any]]:
    """A thousand businesses at a time, each batch's grades in one read."""
    listed = businesses.every(db, query=businesses.listing_filter(district=district, trade=trade))
    while batch := list(islice(listed, BATCH)):
        grades = profiles.grades_of(db, [row["code"] for row in batch])
        for row in batch:
            yield _row(row, ListedGrades.from_profile(grades.get(row["code"])))


def _row(business: dict[str, Any], grades: ListedGrades) -> dict[str, Any]:
    location = business.get("location") or {}
    shown = {"consumer": grades.consumer, "quantified": grades.quantified, "risk": grades.risk}
    return {"code": business["code"], "name": business["name"], "address": business["address"],
            "district": business.get("district", ""), "grid": business.get("grid", ""),
            "trade": business.get("trade", ""),
            "established_on": clock.from_stored(business.get("established_on")),  # a day, as the API's
            "latitude": location.get("lat"), "longitude": location.get("lng"),
            "consumer_grade": grades.consumer.band if grades.consumer else None,
            "consumer_score": grades.consumer.score if grades.consumer else None,
            "quantified_grade": grades.quantified.band if grades.quantified else None,
            "quantified_score": grades.quantified.score if grades.quantified else None,
            "risk_level": grades.risk.band if grades.risk else None,
            "risk_score": grades.risk.score if grades.risk else None,
            "pending_objection": any(grade.pending for grade in shown.values() if grade)}
