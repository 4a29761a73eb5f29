"""Red/black lists: the published criteria (admins edit them) and the numbered editions."""

from typing import Annotated

from fastapi import APIRouter, Depends, Path
from fastapi.responses import Response

from backend.deps import DbDep, SignedInDep
from backend.lists import service
from backend.lists.schemas import (
    MAX_EDITION,
    CriteriaPublic,
    CriteriaUpdate,
    CriteriaVersionsPublic,
    EditionPublic,
    EditionPublish,
    EditionsPublic,
    EntriesPublic,
    Entry,
    ListKind,
)
from backend.paging import PageNumber, PageSize
from backend.records.csv import Format, csv_response
from backend.strict_query import refuse_unknown_query

# A parameter these routes do not take is refused, not ignored (see backend.strict_query).
router = APIRouter(prefix="/lists", tags=["red and black lists"],
                   dependencies=[Depends(refuse_unknown_query)])

EditionNumber = Annotated[int, Path(ge=1, le=MAX_EDITION)]


@router.get("/criteria", response_model=CriteriaPublic)
def get_criteria(db: DbDep) -> CriteriaPublic:
    return service.current_criteria(db)


@router.get("/criteria/history", response_model=CriteriaVersionsPublic)
def get_criteria_history(
    db: DbDep,
    pageNumber: PageNumber = 1,  # noqa: N803 - FHRS names
    pageSize: PageSize = 20,  # noqa: N803
) -> CriteriaVersionsPublic:
    """The versions administrators saved, newest first (version 0, the shipped default, is at
    /lists/criteria until the first is saved)."""
    return service.criteria_history(db, page_number=pageNumber, page_size=pageSize)


@router.put("/criteria", response_model=CriteriaPublic)
def update_criteria(db: DbDep, actor: SignedInDep, data: CriteriaUpdate) -> CriteriaPublic:
    return service.update_criteria(db, actor=actor, data=data)


@router.get("/editions", response_model=EditionsPublic)
def list_editions(
    db: DbDep,
    pageNumber: PageNumber = 1,  # noqa: N803 - FHRS names
    pageSize: PageSize = 20,  # noqa: N803
    format: Format = "json",
) -> EditionsPublic | Response:
    found = service.editions(db, page_number=pageNumber, page_size=pageSize)
    if format == "csv":
        return csv_response("list-editions.csv", EditionPublic.model_fields, found.data)
    return found


@router.post("/editions", response_model=EditionPublic, status_code=201)
def publish_edition(db: DbDep, actor: SignedInDep, data: EditionPublish) -> EditionPublic:
    return service.publish(db, actor=actor, data=data)


@router.get("/editions/{number}", response_model=EditionPublic)
def get_edition(db: DbDep, number: EditionNumber) -> EditionPublic:
    return service.edition(db, number=number)


@router.get("/editions/{number}/entries", response_model=EntriesPublic)
def get_entries(db: DbDep, number: EditionNumber, list: ListKind | None = None,
                format: Format = "json", pageNumber: PageNumber = 1,  # noqa: N803 - FHRS names
                pageSize: PageSize = 20) -> EntriesPublic | Response:  # noqa: N803
    service.edition(db, number=number)  # NotFound for an unknown edition
    if format == "csv":
        name = f"list-edition-{number}" + (f"-{list.value}" if list else "")  # red and black apart
        rows = service.entries(db, number=number, list_kind=list)
        return csv_response(f"{name}.csv", Entry.model_fields, rows)
    return service.entries_page(db, number=number, list_kind=list, page_number=pageNumber,
                                page_size=pageSize)
