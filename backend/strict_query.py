"""Refusing query parameters a route does not take: FastAPI ignores them, so a client that sends
`grade=A` to a listing without that filter would silently get every row and might publish them as
"grade A". A 422 names each unknown parameter, in the shape of any other refused field."""

from fastapi import Request
from fastapi.dependencies.models import Dependant
from fastapi.exceptions import RequestValidationError
from fastapi.routing import APIRoute

# Taken by every route: the answer's language (see backend.api.request_language).
EVERYWHERE = frozenset({"lang"})


def refuse_unknown_query(request: Request) -> None:
    """A dependency for open-data routes: 422 for any query parameter the route does not declare."""
    route = request.scope.get("route")
    if not isinstance(route, APIRoute):
        return
    unknown = sorted(set(request.query_params) - EVERYWHERE - _declared(route.dependant))
    if unknown:
        raise RequestValidationError([
            {"type": "extra_forbidden", "loc": ("query", name), "msg": "Extra inputs are not permitted",
             "input": request.query_params.get(name)} for name in unknown])


def _declared(dependant: Dependant) -> frozenset[str]:
    """The query parameters of a route and of the dependencies it takes them through."""
    return frozenset({param.alias for param in dependant.query_params}.union(
        *(_declared(inner) for inner in dependant.dependencies)))
