"""Signing in to the API: a bearer token for a user name and password."""

from fastapi import APIRouter

from backend.config import get_settings
from backend.deps import ActorDep, DbDep
from backend.users import permissions, service
from backend.users.schemas import Actor, LoginRequest, Token

router = APIRouter(prefix="/auth", tags=["auth"])


@router.post("/login", response_model=Token)
def login(db: DbDep, data: LoginRequest) -> Token:
    return service.login(db, data=data, max_age_s=get_settings().token_max_age_s)


@router.get("/me", response_model=Actor)
def me(actor: ActorDep) -> Actor:
    return permissions.require_signed_in(actor)
