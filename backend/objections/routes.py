"""Objections to published records: filing (with evidence files uploaded first to
POST /repair/evidence), listing, the evidence, answering; and what is pending, publicly."""

from fastapi import APIRouter, Depends, Response

from backend.deps import DbDep, SignedInDep
from backend.objections import service
from backend.objections.schemas import (
    ObjectionCreate,
    ObjectionPublic,
    ObjectionsPublic,
    ObjectionStatus,
    PendingObjections,
)
from backend.paging import PageNumber, PageSize
from backend.repair.schemas import Decision
from backend.strict_query import refuse_unknown_query

router = APIRouter(prefix="/objections", tags=["objections"])


@router.get("", response_model=ObjectionsPublic)
def list_objections(db: DbDep, actor: SignedInDep, status: ObjectionStatus | None = None,
                    business_code: str | None = None, pageNumber: PageNumber = 1,  # noqa: N803
                    pageSize: PageSize = 20) -> ObjectionsPublic:  # noqa: N803 - FHRS names
    """Pending first, the answer due soonest first; then the answered, newest answer first."""
    return service.list_for(db, actor=actor, status=status, business_code=business_code,
                            page_number=pageNumber, page_size=pageSize)


@router.post("", response_model=ObjectionPublic, status_code=201)
def file_objection(db: DbDep, actor: SignedInDep, data: ObjectionCreate) -> ObjectionPublic:
    return service.file(db, actor=actor, data=data)


@router.get("/pending/{code}", response_model=PendingObjections,
            dependencies=[Depends(refuse_unknown_query)])
def pending(
    db: DbDep, code: str,
    pageNumber: PageNumber = 1,  # noqa: N803 - FHRS names
    pageSize: PageSize = 20,  # noqa: N803
) -> PendingObjections:
    """Public: the business's records that show "objection pending", the answer due soonest first.
    A query parameter not listed here is refused (422), not ignored."""
    return service.pending_for_business(db, code=code, page_number=pageNumber, page_size=pageSize)


@router.get("/{objection_id}", response_model=ObjectionPublic)
def get_objection(db: DbDep, actor: SignedInDep, objection_id: str) -> ObjectionPublic:
    return service.get(db, actor=actor, objection_id=objection_id)


@router.get("/{objection_id}/evidence/{file_id}",
            responses={200: {"content": {"application/pdf": {}, "image/jpeg": {}, "image/png": {}}}})
def evidence_file(db: DbDep, actor: SignedInDep, objection_id: str, file_id: str) -> Response:
    """One file of the objection's evidence, as an attachment: the business itself and the
    officers over its district. A file the objection does not list answers 404."""
    found = service.evidence_file(db, actor=actor, objection_id=objection_id, file_id=file_id)
    return Response(found.content, media_type=found.content_type, headers=found.headers)


@router.post("/{objection_id}/decision", response_model=ObjectionPublic)
def decide(db: DbDep, actor: SignedInDep, objection_id: str, data: Decision) -> ObjectionPublic:
    return service.decide(db, actor=actor, objection_id=objection_id, data=data)
