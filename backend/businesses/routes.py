"""Open-data endpoints for businesses (modelled on the FHRS ratings API) and registration."""

from dataclasses import dataclass
from typing import Annotated

from fastapi import APIRouter, Depends, Query

from backend.businesses import place, service
from backend.businesses.filtered import GradeFilter
from backend.businesses.place import Near
from backend.businesses.schemas import (
    BusinessCreate,
    BusinessesPublic,
    BusinessPublic,
    BusinessUpdate,
    Letter,
    Trade,
)
from backend.deps import DbDep, SignedInDep
from backend.errors import Invalid
from backend.grading.rules import Face
from backend.paging import PageSize
from backend.profiles import service as profiles
from backend.profiles.schemas import PublicRecord
from backend.strict_query import refuse_unknown_query

router = APIRouter(prefix="/businesses", tags=["businesses"])


@dataclass
class GradeQuery:
    """FHRS's ratingKey, for each of the grades kept apart; repeat a parameter for several bands."""

    consumerGrade: Annotated[list[Letter] | None, Query(  # noqa: N815 - FHRS-style names
        description="Consumer satisfaction grade: A 满意, B 较满意, C 合格, D 差")] = None
    quantifiedGrade: Annotated[list[Face] | None, Query(  # noqa: N815
        description="Quantified grade (量化分级) from inspections: excellent 优秀, good 良好, "
        "fair 一般")] = None
    riskLevel: Annotated[list[Letter] | None, Query(  # noqa: N815
        description="Risk level (风险等级): A lowest to D highest")] = None

    def wanted(self) -> GradeFilter:
        return GradeFilter(*(tuple(band.value for band in bands or ()) for bands in
                             (self.consumerGrade, self.quantifiedGrade, self.riskLevel)))


@dataclass
class PlaceQuery:
    """FHRS's latitude, longitude and maxDistanceLimit (here in km)."""

    latitude: Annotated[float | None, Query(ge=-90, le=90, description="Decimal degrees, as the rows' "
                                            "`location` holds them; with longitude")] = None
    longitude: Annotated[float | None, Query(ge=-180, le=180, description="Decimal degrees; with "
                                             "latitude")] = None
    maxDistanceKm: Annotated[float | None, Query(  # noqa: N815
        gt=0, le=place.MAX_KM, description=f"How far from the place, in km ({place.DEFAULT_KM:g} unless "
        "given); rows then come nearest first, each with its `distance_km`")] = None

    def near(self) -> Near | None:
        if self.latitude is None and self.longitude is None:
            if self.maxDistanceKm is not None:
                raise Invalid("A distance needs a place: give latitude and longitude too.")
            return None
        if self.latitude is None or self.longitude is None:
            raise Invalid("A place needs both latitude and longitude.")
        return Near(self.latitude, self.longitude, self.maxDistanceKm or place.DEFAULT_KM)


@router.get("", response_model=BusinessesPublic, dependencies=[Depends(refuse_unknown_query)])
def search_businesses(
    db: DbDep,
    grades: Annotated[GradeQuery, Depends()],
    where: Annotated[PlaceQuery, Depends()],
    name: Annotated[str, Query(max_length=100, description="Name, address or credit code contains; "
                               "several words: each must match, in any order")] = "",
    district: Annotated[str, Query(max_length=40)] = "",
    trade: Trade | None = None,
    pageNumber: Annotated[int | None, Query(  # noqa: N803 - FHRS names
        ge=1, le=1_000_000, description="1 unless given; not with `cursor`")] = None,
    pageSize: PageSize = 20,  # noqa: N803
    cursor: Annotated[str, Query(max_length=400, description="meta.nextCursor of the page before "
                                 "(listings by district and trade alone): deep pages without a skip. "
                                 "The page it leads to is numbered after the pages before it")] = "",
) -> BusinessesPublic:
    """Text search is ranked: exact name, names starting with it, then names and addresses
    containing it (one character matches names). A credit-code prefix of 4+ characters matches codes.
    Grades narrow by band; a place, to businesses within the distance, nearest first. Each row
    carries its grades. A query parameter not listed here is refused (422), not ignored."""
    if cursor and pageNumber is not None:
        raise Invalid("Page by cursor or by pageNumber, not both.")
    return service.search(db, text=name, district=district, trade=trade.value if trade else "",
                          grade=grades.wanted(), near=where.near(), page_number=pageNumber or 1,
                          page_size=pageSize, cursor=cursor, with_grades=True)


@router.patch("/{code}", response_model=BusinessPublic)
def update_business(db: DbDep, actor: SignedInDep, code: str, data: BusinessUpdate) -> BusinessPublic:
    """A new name, address, grid or location; the search index and the public page follow."""
    return service.rename(db, actor=actor, code=code, data=data)


@router.get("/{code}", response_model=PublicRecord)
def get_business(db: DbDep, code: str) -> PublicRecord:
    """The same public record the QR page shows."""
    return profiles.public_record(db, code=code)


@router.post("", response_model=BusinessPublic, status_code=201)
def register_business(db: DbDep, actor: SignedInDep, data: BusinessCreate) -> BusinessPublic:
    """In a district a unit covers (an officer: one of the unit's)."""
    return service.register(db, actor=actor, data=data, covered_only=True)
