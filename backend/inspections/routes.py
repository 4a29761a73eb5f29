"""Recording inspections, and a business's own inspections in full."""

from fastapi import APIRouter

from backend.deps import DbDep, SignedInDep
from backend.inspections import service
from backend.inspections.schemas import InspectionCreate, InspectionPublic, InspectionsPublic
from backend.paging import PageNumber, PageSize

router = APIRouter(prefix="/inspections", tags=["inspections"])


@router.post("", response_model=InspectionPublic, status_code=201)
def record_inspection(db: DbDep, actor: SignedInDep, data: InspectionCreate) -> InspectionPublic:
    return service.record(db, actor=actor, data=data)


@router.get("", response_model=InspectionsPublic)
def list_for_business(db: DbDep, actor: SignedInDep, business_code: str,
                      pageNumber: PageNumber = 1,  # noqa: N803 - FHRS names
                      pageSize: PageSize = 20) -> InspectionsPublic:  # noqa: N803
    """Newest first, with items found, opinion and rectification deadline: the business's own
    account, or an officer over its district."""
    return service.for_business(db, actor=actor, business_code=business_code,
                                page_number=pageNumber, page_size=pageSize)
