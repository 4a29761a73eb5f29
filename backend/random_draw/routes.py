"""Random inspection plans: public to read (plan, register, seed, result), admins to run them."""

from typing import Any

from fastapi import APIRouter

from backend.deps import TOKEN_OPTIONAL, ActorDep, DbDep, SignedInDep
from backend.paging import PageNumber, PageSize
from backend.random_draw import service
from backend.random_draw.schemas import (
    ConflictCreate,
    PlanCreate,
    PlanPublic,
    PlanPublish,
    PlansPublic,
    Verification,
)

router = APIRouter(prefix="/random-draws", tags=["random inspection draw"])


@router.get("", response_model=PlansPublic, openapi_extra=TOKEN_OPTIONAL)
def list_plans(db: DbDep, actor: ActorDep, pageNumber: PageNumber = 1,  # noqa: N803 - FHRS names
               pageSize: PageSize = 20) -> PlansPublic:  # noqa: N803
    """Published and drawn plans, newest first (administrators see drafts too)."""
    return service.listed(db, actor=actor, page_number=pageNumber, page_size=pageSize)


@router.post("", response_model=PlanPublic, status_code=201)
def create_plan(db: DbDep, actor: SignedInDep, data: PlanCreate) -> PlanPublic:
    return service.create(db, actor=actor, data=data)


@router.post("/conflicts", status_code=204)
def declare_conflict(db: DbDep, actor: SignedInDep, data: ConflictCreate) -> None:
    """An officer's conflict of interest with a business: never paired with it in a draw."""
    service.declare_conflict(db, actor=actor, data=data)


@router.get("/{plan_id}", response_model=PlanPublic, openapi_extra=TOKEN_OPTIONAL)
def get_plan(db: DbDep, actor: ActorDep, plan_id: str) -> PlanPublic:
    return service.get(db, actor=actor, plan_id=plan_id)


@router.get("/{plan_id}/register")
def get_register(db: DbDep, plan_id: str) -> dict[str, Any]:
    """The frozen register, exactly as hashed (SHA-256 of its canonical JSON)."""
    return service.published_register(db, plan_id=plan_id)


@router.get("/{plan_id}/verification", response_model=Verification)
def verify_plan(db: DbDep, plan_id: str) -> Verification:
    """Re-hashes the register and re-runs the draw from the published seed, on the server."""
    return service.verify_stored(db, plan_id=plan_id)


@router.post("/{plan_id}/publish", response_model=PlanPublic)
def publish_plan(db: DbDep, actor: SignedInDep, plan_id: str, data: PlanPublish | None = None) -> PlanPublic:
    """Freeze the register; publish its hash, the weights and the seed before the draw. The body
    may name the draw day (`draw_on`, the next working day if left out): the worker draws the
    plan then unless an administrator draws it before."""
    return service.publish(db, actor=actor, plan_id=plan_id, data=data)


@router.post("/{plan_id}/run", response_model=PlanPublic)
def run_plan(db: DbDep, actor: SignedInDep, plan_id: str) -> PlanPublic:
    """Draw from the published register and seed; creates the inspection tasks."""
    return service.run(db, actor=actor, plan_id=plan_id)
