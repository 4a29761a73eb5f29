"""Officers' public profiles."""

from fastapi import APIRouter

from backend.deps import DbDep
from backend.officers import service
from backend.officers.schemas import OfficerPublic

router = APIRouter(prefix="/officers", tags=["officers"])


@router.get("/{officer_id}", response_model=OfficerPublic)
def get_officer(db: DbDep, officer_id: str) -> OfficerPublic:
    return service.public_profile(db, officer_id=officer_id)
