"""FastAPI dependencies as named aliases: the database, the request's language and the actor."""

from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pymongo.database import Database

from backend.database import get_db
from backend.users import permissions
from backend.users import service as users
from backend.users.schemas import Actor

_bearer = HTTPBearer(auto_error=False)


def _db() -> Database:
    return get_db()


def _actor(db: Annotated[Database, Depends(_db)],
           credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]
           ) -> Actor | None:
    """None for an anonymous caller; a bad or expired token is an error, not anonymity."""
    if credentials is None:
        return None
    return users.actor_from_token(db, token=credentials.credentials)


def _signed_in(actor: Annotated[Actor | None, Depends(_actor)]) -> Actor:
    """Writes answer 401 to an anonymous caller before the body is even validated."""
    return permissions.require_signed_in(actor)


def _client(request: Request) -> str:
    """The caller's address, for rate limits (uvicorn applies X-Forwarded-For from trusted proxies)."""
    return request.client.host if request.client else "unknown"


# For a route taking ActorDep: anyone may call it, and a token (checked) shows more; the OpenAPI
# document says so (FastAPI alone would mark the token required).
TOKEN_OPTIONAL: dict[str, Any] = {"security": [{}, {"HTTPBearer": []}]}

DbDep = Annotated[Database, Depends(_db)]
ActorDep = Annotated[Actor | None, Depends(_actor)]
SignedInDep = Annotated[Actor, Depends(_signed_in)]
ClientDep = Annotated[str, Depends(_client)]
