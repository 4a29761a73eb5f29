"""Credit repair: eligibility countdown, evidence upload, application and the officer's decision."""

from typing import Annotated

from fastapi import APIRouter, File, Form, Response, UploadFile

from backend.clean_text import FieldText
from backend.deps import DbDep, SignedInDep
from backend.paging import PageNumber, PageSize
from backend.repair import fulfilments, service
from backend.repair.schemas import (
    ApplicationStatus,
    Decision,
    Eligibility,
    EvidenceFilePublic,
    FulfilmentCreate,
    FulfilmentsDue,
    PenaltyFulfilments,
    RepairCreate,
    RepairPublic,
    RepairsPublic,
)

router = APIRouter(prefix="/repair", tags=["credit repair"])

@router.get("/eligibility/{code}", response_model=Eligibility)
def get_eligibility(db: DbDep, actor: SignedInDep, code: str) -> Eligibility:
    return service.eligibility(db, actor=actor, business_code=code)


@router.post("/evidence", response_model=EvidenceFilePublic, status_code=201)
async def upload_evidence(db: DbDep, actor: SignedInDep,
                          business_code: Annotated[FieldText, Form(max_length=40)],
                          file: Annotated[UploadFile, File()]) -> EvidenceFilePublic:
    content = await file.read()
    return service.attach_evidence(db, actor=actor, business_code=business_code,
                                   file_name=file.filename or "evidence",
                                   content_type=file.content_type or "", content=content)


@router.get("/applications", response_model=RepairsPublic)
def list_applications(db: DbDep, actor: SignedInDep, status: ApplicationStatus | None = None,
                      business_code: str | None = None, pageNumber: PageNumber = 1,  # noqa: N803
                      pageSize: PageSize = 20) -> RepairsPublic:  # noqa: N803 - FHRS names
    """Pending first, the decision due soonest first; then the decided, newest decision first."""
    return service.list_for(db, actor=actor, status=status, business_code=business_code,
                            page_number=pageNumber, page_size=pageSize)


@router.post("/applications", response_model=RepairPublic, status_code=201)
def apply(db: DbDep, actor: SignedInDep, data: RepairCreate) -> RepairPublic:
    """Evidence: a file (from POST /evidence) of each kind fulfilment, rectification and commitment."""
    return service.apply(db, actor=actor, data=data)


@router.get("/applications/{application_id}", response_model=RepairPublic)
def get_application(db: DbDep, actor: SignedInDep, application_id: str) -> RepairPublic:
    return service.get(db, actor=actor, application_id=application_id)


@router.get("/applications/{application_id}/evidence/{file_id}",
            responses={200: {"content": {"application/pdf": {}, "image/jpeg": {}, "image/png": {}}}})
def evidence_file(db: DbDep, actor: SignedInDep, application_id: str, file_id: str) -> Response:
    """One file of the application's evidence, as an attachment: the business itself and the
    officers over its district. A file the application does not list answers 404."""
    found = service.evidence_file(db, actor=actor, application_id=application_id, file_id=file_id)
    return Response(found.content, media_type=found.content_type, headers=found.headers)


@router.post("/applications/{application_id}/decision", response_model=RepairPublic)
def decide(db: DbDep, actor: SignedInDep, application_id: str, data: Decision) -> RepairPublic:
    return service.decide(db, actor=actor, application_id=application_id, data=data)


@router.get("/fulfilments/due", response_model=FulfilmentsDue)
def fulfilments_due(db: DbDep, actor: SignedInDep, pageNumber: PageNumber = 1,  # noqa: N803
                    pageSize: PageSize = 20) -> FulfilmentsDue:  # noqa: N803 - FHRS names
    """Officers: the black-listed businesses of the unit whose penalties are not all recorded as
    fulfilled yet (their credit repair waits for it), longest listed first."""
    return fulfilments.due(db, actor=actor, page_number=pageNumber, page_size=pageSize)


@router.get("/fulfilments/business/{code}", response_model=PenaltyFulfilments)
def business_fulfilments(db: DbDep, actor: SignedInDep, code: str, pageNumber: PageNumber = 1,  # noqa: N803
                         pageSize: PageSize = 20) -> PenaltyFulfilments:  # noqa: N803 - FHRS names
    """Officers over its district: the business's penalty decisions, newest first, each with its
    fulfilment where one is recorded."""
    return fulfilments.of_business(db, actor=actor, business_code=code, page_number=pageNumber,
                                   page_size=pageSize)


@router.post("/fulfilments/{decision_number}", status_code=204)
def record_fulfilment(db: DbDep, actor: SignedInDep, decision_number: str,
                      data: FulfilmentCreate) -> None:
    service.record_fulfilment(db, actor=actor, decision_number=decision_number,
                              fulfilled_on=data.fulfilled_on, note=data.note)
