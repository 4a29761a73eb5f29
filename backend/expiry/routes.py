"""Expiry notices: a business reads its own, officers those of their districts."""

from typing import Annotated

from fastapi import APIRouter, Query

from backend.deps import DbDep, SignedInDep
from backend.expiry import service
from backend.expiry.schemas import NoticesPublic

router = APIRouter(prefix="/notices", tags=["expiry notices"])


@router.get("", response_model=NoticesPublic)
def list_notices(
    db: DbDep, actor: SignedInDep,
    pageNumber: Annotated[int, Query(ge=1, le=1_000_000)] = 1,  # noqa: N803 - FHRS names
    pageSize: Annotated[int, Query(ge=1, le=100)] = 20,  # noqa: N803
) -> NoticesPublic:
    """Newest first."""
    return service.notices_for(db, actor=actor, page_number=pageNumber, page_size=pageSize)
