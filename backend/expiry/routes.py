"""Expiry notices: a business reads its own, officers those of their districts."""


from fastapi import APIRouter

from backend.deps import DbDep, SignedInDep
from backend.expiry import service
from backend.expiry.schemas import NoticesPublic
from backend.paging import PageNumber, PageSize

router = APIRouter(prefix="/notices", tags=["expiry notices"])


@router.get("", response_model=NoticesPublic)
def list_notices(
    db: DbDep, actor: SignedInDep,
    pageNumber: PageNumber = 1,  # noqa: N803 - FHRS names
    pageSize: PageSize = 20,  # noqa: N803
) -> NoticesPublic:
    """Newest first."""
    return service.notices_for(db, actor=actor, page_number=pageNumber, page_size=pageSize)
