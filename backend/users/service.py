"""Creating users, logging in, and turning a session or token back into an Actor."""

import secrets
from datetime import timedelta
from typing import Any

from pymongo.database import Database
from pymongo.errors import DuplicateKeyError

from backend import clock, ratelimit
from backend.businesses import credit_code
from backend.config import get_settings
from backend.errors import Conflict, Invalid, Unauthorized
from backend.i18n import N_, ngettext
from backend.officers import repository as officers
from backend.users import repository, security
from backend.users.schemas import Actor, LoginRequest, Role, Token, UserCreate, username_key

TAKEN = N_("The user name {username} is taken.")


def require_binding(role: Role, business_code: str | None, officer_id: str | None) -> None:
    """Enterprise users need a business, officers a record."""
    if role == Role.ENTERPRISE and not business_code:
        raise Invalid("An enterprise account must be bound to one business.")
    if role == Role.OFFICER and not officer_id:
        raise Invalid("An officer account must be bound to an officer record.")


def refuse_taken(db: Database, username: str) -> None:
    """A name that differs only in case from an account's is that account's."""
    if repository.get(db, username) is not None:
        raise Conflict(TAKEN, username=username)


def create(db: Database, *, data: UserCreate) -> None:
    """Administrative creation (seeding, CLI)."""
    require_binding(data.role, data.business_code, data.officer_id)
    if data.business_code:
        data = data.model_copy(update={"business_code": credit_code.normalize(data.business_code)})
    now = clock.now()
    document = data.model_dump(exclude={"password"}) | {
        "password_hash": security.hash_password(data.password), "created_at": now,
        "password_changed_at": now, "disabled": False, "credentials": 0}
    try:
        repository.insert(db, document)
    except DuplicateKeyError as exc:
        raise Conflict(TAKEN, username=data.username) from exc


def actor_for(db: Database, *, username: str) -> Actor | None:
    """The account's actor, disabled or not (for naming who did something); signing in, sessions
    and tokens check `usable` first."""
    user = repository.get(db, username)
    return None if user is None else _actor_of(db, user)


def credentials_of(user: dict[str, Any]) -> int:
    """The account's credentials version: 0 for an account from before it was kept."""
    return int(user.get("credentials", 0))


def usable(user: dict[str, Any] | None, credentials: int) -> bool:
    """An account still answers for a session or token issued at `credentials`: it is enabled and
    its password has not changed (nor been reset) since."""
    return user is not None and not user.get("disabled") and credentials_of(user) == credentials


def _actor_of(db: Database, user: dict[str, Any]) -> Actor:
    actor = Actor(username=user["username"], role=user["role"],
                  display_name=user.get("display_name", ""),
                  business_code=user.get("business_code"), officer_id=user.get("officer_id"))
    if actor.officer_id:
        officer = officers.get(db, actor.officer_id)
        # one who left the service answers for no unit and no district any more
        unit = officers.get_unit(db, officer["unit_id"]) if officer and not officer.get("left_on") else None
        if unit:
            actor.unit_id, actor.unit_districts = unit["_id"], list(unit.get("districts", []))
    return actor


_THROTTLED = ratelimit.Wording(
    lambda n: ngettext("Too many failed sign-ins. Please wait {seconds} second and try again.",
                       "Too many failed sign-ins. Please wait {seconds} seconds and try again.", n),
    lambda n: ngettext("Too many failed sign-ins. Please wait about {minutes} minute and try again.",
                       "Too many failed sign-ins. Please wait about {minutes} minutes and try again.", n))


def authenticate(db: Database, *, username: str, password: str, client: str = "") -> Actor:
    """Failed attempts are counted per account and per client address (shared by every server
    process); past either limit sign-in is refused until the window ends, right password or not."""
    settings = get_settings()
    limits = [(f"login-account:{username_key(username)}", settings.login_failures_per_account)]
    if client:
        limits.append((f"login-client:{client}", settings.login_failures_per_client))
    for key, limit in limits:
        ratelimit.require_below(db, key=key, limit=limit, window_s=settings.login_window_s,
                                message=_THROTTLED)
    user = repository.get(db, username)
    # A disabled account gets the answer a wrong password gets: nobody learns it exists.
    matches = security.verify_password(user["password_hash"] if user else None, password)
    if not matches or user is None or user.get("disabled"):
        for key, _limit in limits:
            ratelimit.hit(db, key=key, limit=1_000_000, window_s=settings.login_window_s)
        raise Unauthorized("Wrong user name or password.")
    return _actor_of(db, user)


def open_session(db: Database, *, username: str, max_age_s: int) -> str:
    """A portal sign-in: a random id the browser's signed cookie carries, valid until it is closed
    (signing out) or `max_age_s` has passed. Only the database knows it is open, so signing out
    ends it for a copy of the cookie too."""
    now = clock.now()
    session_id = secrets.token_urlsafe(24)
    user = repository.get(db, username) or {}
    repository.insert_session(db, {"_id": session_id, "username": username, "created_at": now,
                                   "expires_at": now + timedelta(seconds=max_age_s),
                                   "credentials": credentials_of(user)})
    return session_id


def actor_for_session(db: Database, session_id: str) -> Actor | None:
    """The actor of an open session; None when it was closed, has expired or never existed, or
    its account was disabled or given a new password since it was opened."""
    session = repository.get_session(db, session_id)
    if session is None or session["expires_at"] <= clock.now():
        return None  # the TTL index removes expired ones eventually, not at once
    user = repository.get(db, session["username"])
    if user is None or not usable(user, int(session.get("credentials", 0))):
        return None
    return _actor_of(db, user)


def close_session(db: Database, session_id: str) -> None:
    repository.delete_session(db, session_id)


def purge_sessions(db: Database) -> int:
    """Drops the sessions whose time is up; how many."""
    return repository.delete_sessions_before(db, clock.now())


def login(db: Database, *, data: LoginRequest, max_age_s: int, client: str = "") -> Token:
    actor = authenticate(db, username=data.username, password=data.password, client=client)
    return token_for(db, username=actor.username, max_age_s=max_age_s)


def token_for(db: Database, *, username: str, max_age_s: int) -> Token:
    """A bearer token bound to the account's present credentials."""
    user = repository.get(db, username) or {}
    return Token(access_token=security.issue_token(username, credentials_of(user)), expires_in=max_age_s)


def actor_from_token(db: Database, *, token: str) -> Actor:
    claims = security.read_claims(token)
    user = repository.get(db, claims[0]) if claims else None
    if claims is None or user is None or not usable(user, claims[1]):
        raise Unauthorized("Your sign-in has expired or is not valid; please sign in again.")
    return _actor_of(db, user)
