"""Recording administrative penalty decisions."""

from fastapi import APIRouter

from backend.deps import DbDep, SignedInDep
from backend.penalties import service
from backend.penalties.schemas import PenaltyCreate, PenaltyPublic

router = APIRouter(prefix="/penalties", tags=["penalties"])


@router.post("", response_model=PenaltyPublic, status_code=201)
def record_penalty(db: DbDep, actor: SignedInDep, data: PenaltyCreate) -> PenaltyPublic:
    return service.record(db, actor=actor, data=data)
