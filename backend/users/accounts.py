"""Administering accounts: creating them, disabling and enabling, setting a new password, and a
user changing their own. Every change is audited; a new password, a reset or disabling ends the
account's sessions and tokens at once (its credentials version moves on)."""

import re
from typing import Any

from pymongo.database import Database

from backend import clock, paging
from backend.audit import service as audit
from backend.businesses import service as businesses
from backend.errors import Conflict, Invalid, NotFound, Unauthorized
from backend.i18n import N_
from backend.officers import repository as officers
from backend.paging import PageMeta
from backend.users import permissions, repository, security, service
from backend.users.schemas import (
    Actor,
    PasswordChange,
    PasswordSet,
    Role,
    UserCreate,
    UserPublic,
    UsersPublic,
    UserUpdate,
    check_password,
    check_username,
)

CURRENT_PASSWORD_WRONG = N_("Your current password is not right.")
SAME_PASSWORD = N_("The new password must differ from the current one.")
LAST_ADMIN = N_("{username} is the last enabled administrator: create or enable another "
                "administrator first.")


def _public(user: dict[str, Any]) -> UserPublic:
    return UserPublic(**{key: value for key, value in user.items() if key in UserPublic.model_fields})


def _audited(user: UserPublic) -> dict[str, Any]:
    return user.model_dump(exclude={"created_at", "password_changed_at"})


def _load(db: Database, username: str) -> dict[str, Any]:
    user = repository.get(db, username)
    if user is None:
        raise NotFound("There is no account {username}.", username=username)
    return user


def _check_binding(db: Database, role: Role, business_code: str | None, officer_id: str | None) -> None:
    """An enterprise account speaks for a registered business; an officer's is bound to an officer
    record still in service. Refused as bad input, so a form keeps what was typed."""
    if role != Role.ENTERPRISE and business_code:
        raise Invalid("Only an enterprise account is bound to a business.")
    if role != Role.OFFICER and officer_id:
        raise Invalid("Only an officer account is bound to an officer record.")
    service.require_binding(role, business_code, officer_id)
    if role == Role.ENTERPRISE and business_code:
        try:
            businesses.get(db, code=business_code)
        except NotFound as exc:
            raise Invalid(exc.message, **exc.params) from exc
    if role == Role.OFFICER and officer_id:
        officer = officers.get(db, officer_id)
        if officer is None:
            raise Invalid("There is no officer {officer}.", officer=officer_id)
        if officer.get("left_on"):
            raise Invalid("Officer {officer} has left the service.", officer=officer_id)


def check_new(db: Database, *, actor: Actor | None, username: str, role: Role,
              business_code: str | None = None, officer_id: str | None = None) -> None:
    """What creating the account would refuse, but its password: the command line says it before
    asking for one."""
    permissions.require_admin(actor)
    check_username(username)
    service.refuse_taken(db, username)
    _check_binding(db, role, business_code, officer_id)


def create(db: Database, *, actor: Actor | None, data: UserCreate) -> UserPublic:
    actor = permissions.require_admin(actor)
    service.refuse_taken(db, data.username)
    _check_binding(db, data.role, data.business_code, data.officer_id)
    service.create(db, data=data)
    user = _public(_load(db, data.username))
    audit.record(db, actor=actor, action="user.create", target=f"user:{user.username}",
                 data=_audited(user))
    return user


def listed(db: Database, *, actor: Actor | None, role: Role | None = None, name: str = "",
           page_number: int = 1, page_size: int = 20) -> UsersPublic:
    """By user name; one role's with `role`; those whose user name holds `name` (in any case)."""
    permissions.require_admin(actor)
    query: dict[str, Any] = {"role": role.value} if role else {}
    if name.strip():
        query["username"] = {"$regex": re.escape(name.strip()), "$options": "i"}
    rows = repository.page(db, query, skip=paging.skip(page_number, page_size), limit=page_size)
    return UsersPublic(data=[_public(row) for row in rows],
                       meta=PageMeta.of(repository.count_matching(db, query), page_number, page_size))


def get(db: Database, *, actor: Actor | None, username: str) -> UserPublic:
    permissions.require_admin(actor)
    return _public(_load(db, username))


def _refuse_locking_out(db: Database, actor: Actor, user: dict[str, Any]) -> None:
    if user["username"] == actor.username:
        raise Conflict("You cannot disable your own account; another administrator can.")
    if user["role"] == Role.ADMIN and repository.enabled_admins(db) == [user["username"]]:
        raise Conflict(LAST_ADMIN, username=user["username"])


def _refuse_enabling_a_leaver(db: Database, user: dict[str, Any]) -> None:
    """An officer who left the service signs in no more: their record is marked as back first."""
    officer = officers.get(db, user["officer_id"]) if user.get("officer_id") else None
    if officer is not None and officer.get("left_on"):
        raise Conflict("Officer {officer} has left the service: record that they are back in service "
                       "before enabling {username}.", officer=user["officer_id"], username=user["username"])


def _disable(db: Database, user: dict[str, Any], fields: dict[str, Any]) -> dict[str, Any] | None:
    """Disabled first, then the administrators counted again: of two administrators disabling each
    other at once, at least one finds none left, is put back and refused, so one always remains.
    Only then do its credentials move on (its sessions and tokens end)."""
    username = user["username"]
    repository.update(db, username, fields)
    if user["role"] == Role.ADMIN and not repository.enabled_admins(db):
        repository.update(db, username, {"disabled": False})
        raise Conflict(LAST_ADMIN, username=username)
    after = repository.update(db, username, {}, new_credentials=True)
    repository.delete_sessions_of(db, username)
    return after


def update(db: Database, *, actor: Actor | None, username: str, data: UserUpdate) -> UserPublic:
    """Display name, disabled or enabled. Disabling ends the account's sessions and tokens; enabling
    it again does not bring them back."""
    actor = permissions.require_admin(actor)
    before = _load(db, username)
    username = before["username"]  # as stored, whatever the case it was asked for in
    fields = data.model_dump(exclude_none=True)
    disabling = fields.get("disabled") is True and not before.get("disabled")
    if fields.get("disabled") is False and before.get("disabled"):
        _refuse_enabling_a_leaver(db, before)
    if disabling:
        _refuse_locking_out(db, actor, before)
        after = _disable(db, before, fields)
    else:
        after = repository.update(db, username, fields) if fields else before
    user = _public(after or before)
    if fields:
        audit.record(db, actor=actor, action="user.update", target=f"user:{username}",
                     data=_audited(user), before=_audited(_public(before)))
    return user


def _new_password(db: Database, username: str, password: str, *, keep_session: str | None = None) -> int:
    """Stores the new password's hash; every session (but `keep_session`) and token of the account
    ends. The new credentials version, which a kept session or a new token carries."""
    after = repository.update(db, username, {"password_hash": security.hash_password(password),
                                             "password_changed_at": clock.now()}, new_credentials=True)
    assert after is not None
    version = service.credentials_of(after)
    repository.delete_sessions_of(db, username, keep=keep_session)
    if keep_session:
        repository.set_session_credentials(db, keep_session, version)
    return version


def set_password(db: Database, *, actor: Actor | None, username: str, data: PasswordSet) -> UserPublic:
    """An administrator gives an account a new password (a reset): the user signs in again with it."""
    actor = permissions.require_admin(actor)
    check_password(username, data.password)
    username = _load(db, username)["username"]
    _new_password(db, username, data.password)
    user = _public(_load(db, username))
    audit.record(db, actor=actor, action="user.password_set", target=f"user:{username}",
                 data={"password_changed_at": user.password_changed_at})
    return user


def change_own_password(db: Database, *, actor: Actor | None, data: PasswordChange, client: str = "",
                        keep_session: str | None = None) -> int:
    """The signed-in user's own new password, proved by the current one (a wrong one counts as a
    failed sign-in, so a left-open session cannot be used to guess it). Every other session and
    token ends; the one in use (`keep_session`) goes on. Returns the new credentials version."""
    actor = permissions.require_signed_in(actor)
    check_password(actor.username, data.new_password)
    try:
        service.authenticate(db, username=actor.username, password=data.current_password, client=client)
    except Unauthorized as exc:  # too many tries (429) passes as it is
        raise Invalid(CURRENT_PASSWORD_WRONG) from exc
    if data.new_password == data.current_password:
        raise Invalid(SAME_PASSWORD)
    version = _new_password(db, actor.username, data.new_password, keep_session=keep_session)
    audit.record(db, actor=actor, action="user.password_change", target=f"user:{actor.username}",
                 data={"password_changed_at": clock.now()})
    return version


def disable_for_officer(db: Database, *, actor: Actor, officer_id: str) -> list[str]:
    """An officer who left the service signs in no more: their enabled accounts are disabled."""
    done = []
    for user in repository.for_officer(db, officer_id):
        if not user.get("disabled"):
            update(db, actor=actor, username=user["username"], data=UserUpdate(disabled=True))
            done.append(user["username"])
    return done
