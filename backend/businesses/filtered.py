"""Listings and searches narrowed by grade or by place, as FHRS's ratingKey and latitude /
longitude / maxDistanceLimit narrow its search. Grades are read from the public profiles, which
hold them already; places from the businesses' own `location`, in a box an index serves, then by
the exact distance. Near a place, rows come nearest first."""

from dataclasses import dataclass
from typing import Any

from pymongo.database import Database

from backend.businesses import repository, search_terms
from backend.businesses.place import Near
from backend.businesses.schemas import ListedGrades
from backend.businesses.search import Found
from backend.errors import Invalid
from backend.profiles import repository as profiles

# Text matches narrowed by grade or place: this many at most, in rank order; past it the total is
# estimated from the share that passed. (Each is read with its grades: 500 took 60–125 ms at p99
# on 2,000 businesses, 200 about 60 ms.)
TEXT_AT_MOST = 200
# Businesses in the box around a place, read to measure their distance; past it the search is
# refused (a shorter distance, a district or a trade makes it smaller).
NEAR_AT_MOST = 5000


@dataclass(frozen=True)
class GradeFilter:
    """Bands wanted of each grade; any band where none is given."""

    consumer: tuple[str, ...] = ()
    quantified: tuple[str, ...] = ()
    risk: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.consumer or self.quantified or self.risk)

    def query(self) -> dict[str, Any]:
        return profiles.grade_filter(consumer=list(self.consumer), quantified=list(self.quantified),
                                     risk=list(self.risk))


def listing(db: Database, *, district: str, trade: str, grade: GradeFilter, near: Near | None,
            skip: int, limit: int) -> Found:
    """Without text: near a place, nearest first; else by name, from the profiles."""
    if near is not None:
        return _near(db, district=district, trade=trade, grade=grade, near=near, skip=skip,
                     limit=limit)
    query = grade.query()
    total = profiles.count_graded(db, query, district=district, trade=trade)
    page = profiles.graded_page(db, query, district=district, trade=trade, skip=skip, limit=limit)
    return Found(total, [row["business"] | {"grades": ListedGrades.from_profile(row)} for row in page])


def narrowed(db: Database, *, text: str, district: str, trade: str, grade: GradeFilter,
             near: Near | None, skip: int, limit: int) -> Found:
    """Text matches (the first TEXT_AT_MOST in rank order) that also have the grades and lie near
    the place; near a place, nearest first."""
    found = search_terms.find_text(db, text=text, district=district, trade=trade, skip=0,
                                   limit=TEXT_AT_MOST)
    rows = found.rows
    if near is not None:
        rows = [row | {"distance_km": distance} for row in rows
                if (distance := near.within(row.get("location"))) is not None]
    if grade:
        graded = profiles.grades_of(db, [row["code"] for row in rows], grade.query())
        rows = [row | {"grades": ListedGrades.from_profile(graded[row["code"]])} for row in rows
                if row["code"] in graded]
    if near is not None:
        rows.sort(key=lambda row: (row["distance_km"], row["code"]))
    if found.total <= len(found.rows):
        return Found(len(rows), rows[skip:skip + limit], found.estimated)
    scaled = len(rows) * found.total / max(len(found.rows), 1)
    return Found(max(len(rows), round(scaled)), rows[skip:skip + limit], True)


def _near(db: Database, *, district: str, trade: str, grade: GradeFilter, near: Near,
          skip: int, limit: int) -> Found:
    boxed = repository.within_box(db, repository.listing_filter(district=district, trade=trade),
                                  near.box(), limit=NEAR_AT_MOST + 1)
    if len(boxed) > NEAR_AT_MOST:
        raise Invalid("More than {most} businesses lie within {km} km of this place: search a shorter "
                      "distance, or within a district or trade.", most=NEAR_AT_MOST, km=f"{near.km:g}")
    distances = {row["code"]: distance for row in boxed
                 if (distance := near.within(row.get("location"))) is not None}
    graded = profiles.grades_of(db, list(distances), grade.query()) if grade else None
    order = sorted((distance, code) for code, distance in distances.items()
                   if graded is None or code in graded)
    codes = [code for _, code in order[skip:skip + limit]]
    read = repository.get_many(db, codes) if codes else {}
    rows = [read[code] | {"distance_km": distances[code]}
            | ({"grades": ListedGrades.from_profile(graded[code])} if graded is not None else {})
            for code in codes if code in read]
    return Found(len(order), rows)
