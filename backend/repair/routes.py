"""Credit repair: eligibility countdown, evidence upload, application and the officer's decision."""

from datetime import date
from typing import Annotated

from fastapi import APIRouter, File, Form, UploadFile
from pydantic import BaseModel

from backend.clean_text import FieldText
from backend.deps import DbDep, SignedInDep
from backend.paging import PageNumber, PageSize
from backend.repair import service
from backend.repair.schemas import (
    ApplicationStatus,
    Decision,
    Eligibility,
    EvidenceFilePublic,
    RepairCreate,
    RepairPublic,
    RepairsPublic,
)

router = APIRouter(prefix="/repair", tags=["credit repair"])


class Fulfilment(BaseModel):
    fulfilled_on: date
    note: str = ""


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
    return service.apply(db, actor=actor, data=data)


@router.get("/applications/{application_id}", response_model=RepairPublic)
def get_application(db: DbDep, actor: SignedInDep, application_id: str) -> RepairPublic:
    return service.get(db, actor=actor, application_id=application_id)


@router.post("/applications/{application_id}/decision", response_model=RepairPublic)
def decide(db: DbDep, actor: SignedInDep, application_id: str, data: Decision) -> RepairPublic:
    return service.decide(db, actor=actor, application_id=application_id, data=data)


@router.post("/fulfilments/{decision_number}", status_code=204)
def record_fulfilment(db: DbDep, actor: SignedInDep, decision_number: str,
                      data: Fulfilment) -> None:
    service.record_fulfilment(db, actor=actor, decision_number=decision_number,
                              fulfilled_on=data.fulfilled_on, note=data.note)
