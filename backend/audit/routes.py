"""The audit trail for administrators (401 anonymous, 403 anyone else)."""

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, Query

from backend.audit import service
from backend.audit.schemas import AuditEntriesPublic
from backend.deps import DbDep, SignedInDep
from backend.paging import PageNumber, PageSize
from backend.strict_query import refuse_unknown_query

# A misspelt filter is refused, not ignored: the whole trail would pass for the filtered one.
router = APIRouter(prefix="/audit", tags=["audit"], dependencies=[Depends(refuse_unknown_query)])


@router.get("", response_model=AuditEntriesPublic)
def list_entries(db: DbDep, actor: SignedInDep,
                 action: Annotated[str, Query(max_length=80, description=(
                     "exactly, or a family: `task.` (or `task`) is every task action"))] = "",
                 target: Annotated[str, Query(max_length=120, description=(
                     "exactly; a bare id finds `officer:<id>`, `user:<name>`… too; a credit code, "
                     "what was filed under the business's reviews, alerts and tasks"))] = "",
                 by: Annotated[str, Query(alias="actor", max_length=40, description=(
                     "a user name; `anonymous` for the public's and the system's writes"))] = "",
                 since: Annotated[date | None, Query(alias="from", description=(
                     "the first day, on the municipality's clock"))] = None,
                 until: Annotated[date | None, Query(alias="to", description=(
                     "the last day, included"))] = None,
                 pageNumber: PageNumber = 1,  # noqa: N803 - FHRS names
                 pageSize: PageSize = 20) -> AuditEntriesPublic:  # noqa: N803
    """Every write, newest first: by whom, when, what (secrets withheld). `intact` says whether the
    entry's own link of the hash chain holds; `python -m backend.audit verify` checks the whole chain."""
    return service.listed(db, actor=actor, action=action, target=target, by=by, since=since, until=until,
                          page_number=pageNumber, page_size=pageSize)
