"""Complaints: anonymous and rate-limited to send, public (without personal data) to follow."""

from typing import Annotated

from fastapi import APIRouter, File, Form, UploadFile

from backend import uploads
from backend.clean_text import FieldText
from backend.complaints import service
from backend.complaints.schemas import (
    ComplaintCategory,
    ComplaintCreate,
    ComplaintCreated,
    ComplaintFeedback,
    ComplaintPublic,
    ComplaintReopen,
)
from backend.deps import ClientDep, DbDep

router = APIRouter(prefix="/complaints", tags=["complaints"])


@router.post("", response_model=ComplaintCreated, status_code=201)
def submit(db: DbDep, client: ClientDep, data: ComplaintCreate) -> ComplaintCreated:
    """JSON, without photos; keep the tracking code to follow the complaint."""
    return service.submit(db, data=data, client=client)


@router.post("/with-photos", response_model=ComplaintCreated, status_code=201)
async def submit_with_photos(
    db: DbDep, client: ClientDep, business_code: Annotated[FieldText, Form(max_length=40)],
    category: Annotated[ComplaintCategory, Form()], text: Annotated[FieldText, Form(max_length=2000)],
    phone: Annotated[FieldText | None, Form(max_length=30)] = None,
    photos: Annotated[list[UploadFile] | None, File()] = None,
) -> ComplaintCreated:
    """multipart/form-data: the same fields and up to three `photos` (JPEG, PNG or WebP)."""
    data = ComplaintCreate(business_code=business_code, category=category, text=text, phone=phone)
    received = [uploads.Upload(part.filename or "", await part.read(uploads.max_bytes() + 1))
                for part in photos or []]
    return service.submit(db, data=data, client=client, photos=received)


@router.get("/{tracking_code}", response_model=ComplaintPublic)
def track(db: DbDep, tracking_code: str) -> ComplaintPublic:
    return service.public(db, tracking_code=tracking_code)


@router.post("/{tracking_code}/reopen", response_model=ComplaintPublic)
def reopen(db: DbDep, tracking_code: str, data: ComplaintReopen) -> ComplaintPublic:
    """Once, after it was closed; not counted against the address's limit on new complaints."""
    return service.reopen(db, tracking_code=tracking_code, data=data)


@router.post("/{tracking_code}/feedback", response_model=ComplaintPublic)
def feedback(db: DbDep, tracking_code: str, data: ComplaintFeedback) -> ComplaintPublic:
    return service.give_feedback(db, tracking_code=tracking_code, data=data)
