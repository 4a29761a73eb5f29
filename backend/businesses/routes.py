"""Open-data endpoints for businesses (modelled on the FHRS ratings API) and registration."""

from typing import Annotated

from fastapi import APIRouter, Query

from backend.businesses import service
from backend.businesses.schemas import (
    BusinessCreate,
    BusinessesPublic,
    BusinessPublic,
    BusinessUpdate,
    Trade,
)
from backend.deps import DbDep, SignedInDep
from backend.paging import PageNumber, PageSize
from backend.profiles import service as profiles
from backend.profiles.schemas import PublicRecord

router = APIRouter(prefix="/businesses", tags=["businesses"])


@router.get("", response_model=BusinessesPublic)
def search_businesses(
    db: DbDep,
    name: Annotated[str, Query(max_length=100, description="Name, address or credit code contains")] = "",
    district: Annotated[str, Query(max_length=40)] = "",
    trade: Trade | None = None,
    pageNumber: PageNumber = 1,  # noqa: N803 - FHRS names
    pageSize: PageSize = 20,  # noqa: N803
    cursor: Annotated[str, Query(max_length=400, description="meta.nextCursor of the page before "
                                 "(listings without `name`): deep pages without a skip")] = "",
) -> BusinessesPublic:
    """Text search is ranked: exact name, names starting with it, then names and addresses
    containing it (one character matches names). A credit-code prefix of 4+ characters matches codes."""
    return service.search(db, text=name, district=district, trade=trade.value if trade else "",
                          page_number=pageNumber, page_size=pageSize, cursor=cursor)


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
    return service.register(db, actor=actor, data=data)
