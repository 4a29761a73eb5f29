"""Open-data endpoints for the public kitchen cameras, and registering a business's cameras."""

from typing import Annotated

from fastapi import APIRouter, Depends, Query

from backend.businesses.schemas import Trade
from backend.cameras import service
from backend.cameras.schemas import CameraCreate, CameraDetail, CameraPublic, CamerasPublic, CameraUpdate
from backend.deps import DbDep, SignedInDep
from backend.paging import PageNumber, PageSize
from backend.strict_query import refuse_unknown_query

# A parameter these routes do not take is refused, not ignored (see backend.strict_query).
router = APIRouter(prefix="/cameras", tags=["cameras"],
                   dependencies=[Depends(refuse_unknown_query)])


@router.get("", response_model=CamerasPublic)
def public_cameras(
    db: DbDep,
    district: Annotated[str, Query(max_length=40)] = "",
    trade: Trade | None = None,
    business_code: Annotated[str, Query(max_length=18)] = "",
    pageNumber: PageNumber = 1,  # noqa: N803 - FHRS names
    pageSize: PageSize = 20,  # noqa: N803
) -> CamerasPublic:
    """Cameras whose businesses consented to public view; the live view is at /kitchen/{id}."""
    return service.search_public(db, district=district, trade=trade.value if trade else "",
                                 business_code=business_code, page_number=pageNumber,
                                 page_size=pageSize)


@router.get("/{camera_id}", response_model=CameraPublic)
def public_camera(db: DbDep, camera_id: str) -> CameraPublic:
    return service.public_camera(db, camera_id=camera_id)


@router.post("", response_model=CameraDetail, status_code=201)
def add_camera(db: DbDep, actor: SignedInDep, data: CameraCreate) -> CameraDetail:
    return service.create(db, actor=actor, data=data)


@router.patch("/{camera_id}", response_model=CameraDetail)
def edit_camera(db: DbDep, actor: SignedInDep, camera_id: str, data: CameraUpdate) -> CameraDetail:
    return service.update(db, actor=actor, camera_id=camera_id, data=data)
