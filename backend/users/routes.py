"""Signing in to the API: a bearer token for a user name and password."""

from fastapi import APIRouter

from backend.config import get_settings
from backend.deps import ActorDep, ClientDep, DbDep
from backend.users import permissions, service
from backend.users.schemas import Actor, LoginRequest, Token

router = APIRouter(prefix="/auth", tags=["auth"])


@router.post("/login", response_model=Token)
def login(db: DbDep, client: ClientDep, data: LoginRequest) -> Token:
    """Failed sign-ins are throttled per account and per client address (429 with Retry-After)."""
    return service.login(db, data=data, max_age_s=get_settings().token_max_age_s, client=client)


@router.get("/me", response_model=Actor)
def me(actor: ActorDep) -> Actor:
    return permissions.require_signed_in(actor)
