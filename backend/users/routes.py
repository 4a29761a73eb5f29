"""Signing in to the API (a bearer token for a user name and password), changing one's own
password, and the administrators' accounts endpoints."""

from typing import Annotated

from fastapi import APIRouter, Path, Query, status

from backend.config import get_settings
from backend.deps import ActorDep, ClientDep, DbDep, SignedInDep
from backend.paging import PageNumber, PageSize
from backend.users import accounts, permissions, service
from backend.users.schemas import (
    Actor,
    LoginRequest,
    PasswordChange,
    PasswordSet,
    Role,
    Token,
    UserCreate,
    UserPublic,
    UsersPublic,
    UserUpdate,
)

router = APIRouter(prefix="/auth", tags=["auth"])
admin_router = APIRouter(prefix="/users", tags=["users"])
Username = Annotated[str, Path(min_length=1, max_length=40)]


@router.post("/login", response_model=Token)
def login(db: DbDep, client: ClientDep, data: LoginRequest) -> Token:
    """Failed sign-ins are throttled per account and per client address (429 with Retry-After)."""
    return service.login(db, data=data, max_age_s=get_settings().token_max_age_s, client=client)


@router.get("/me", response_model=Actor)
def me(actor: ActorDep) -> Actor:
    return permissions.require_signed_in(actor)


@router.post("/password", response_model=Token)
def change_password(db: DbDep, actor: SignedInDep, client: ClientDep, data: PasswordChange) -> Token:
    """The signed-in user's new password. Every earlier token and portal session of the account
    ends, this request's token too: the answer is a new token to go on with."""
    accounts.change_own_password(db, actor=actor, data=data, client=client)
    return service.token_for(db, username=actor.username, max_age_s=get_settings().token_max_age_s)


@admin_router.get("", response_model=UsersPublic)
def list_users(db: DbDep, actor: SignedInDep, role: Role | None = None,
               name: Annotated[str, Query(max_length=40)] = "",
               pageNumber: PageNumber = 1,  # noqa: N803 - FHRS names
               pageSize: PageSize = 20) -> UsersPublic:  # noqa: N803
    """`name`: those whose user name holds it, in any case."""
    return accounts.listed(db, actor=actor, role=role, name=name, page_number=pageNumber,
                           page_size=pageSize)


@admin_router.post("", response_model=UserPublic, status_code=status.HTTP_201_CREATED)
def create_user(db: DbDep, actor: SignedInDep, data: UserCreate) -> UserPublic:
    return accounts.create(db, actor=actor, data=data)


@admin_router.get("/{username}", response_model=UserPublic)
def get_user(db: DbDep, actor: SignedInDep, username: Username) -> UserPublic:
    return accounts.get(db, actor=actor, username=username)


@admin_router.patch("/{username}", response_model=UserPublic)
def update_user(db: DbDep, actor: SignedInDep, username: Username, data: UserUpdate) -> UserPublic:
    """Display name; `disabled` true ends the account's sessions and tokens at once."""
    return accounts.update(db, actor=actor, username=username, data=data)


@admin_router.post("/{username}/password", response_model=UserPublic)
def set_password(db: DbDep, actor: SignedInDep, username: Username, data: PasswordSet) -> UserPublic:
    """A new password for the account (a reset); its sessions and tokens end."""
    return accounts.set_password(db, actor=actor, username=username, data=data)
