"""Refusing query parameters a route does not take: FastAPI ignores them, so a client that sends
`grade=A` to a listing without that filter would silently get every row and might publish them as
"grade A". A 422 names each unknown parameter, in the shape of any other refused field."""

from fastapi import Request
from fastapi._compat import field_annotation_is_sequence
from fastapi.dependencies.models import Dependant
from fastapi.exceptions import RequestValidationError
from fastapi.routing import APIRoute

# Taken by every route: the answer's language (see backend.api.request_language), and the
# cache-buster some HTTP libraries add (jQuery's `cache: false` sends `_=<time>`).
EVERYWHERE = frozenset({"lang", "_"})


def refuse_unknown_query(request: Request) -> None:
    """A dependency for open-data routes: 422 for any query parameter the route does not declare,
    and for one that takes a single value given several times (`district=A&district=B` answered
    for B alone)."""
    route = request.scope.get("route")
    if not isinstance(route, APIRoute):
        return
    declared = _declared(route.dependant)
    unknown = sorted(set(request.query_params) - EVERYWHERE - set(declared))
    repeated = sorted(name for name in set(request.query_params) & set(declared)
                      if not declared[name] and len(request.query_params.getlist(name)) > 1)
    if unknown or repeated:
        raise RequestValidationError(
            [{"type": "extra_forbidden", "loc": ("query", name), "msg": "Extra inputs are not permitted",
              "input": request.query_params.get(name)} for name in unknown]
            + [{"type": "repeated", "loc": ("query", name), "msg": "Given more than once",
                "input": request.query_params.getlist(name)} for name in repeated])


def _declared(dependant: Dependant) -> dict[str, bool]:
    """The query parameters of a route and of the dependencies it takes them through, each with
    whether it takes several values."""
    found = {param.alias: field_annotation_is_sequence(param.field_info.annotation)
             for param in dependant.query_params}
    for inner in dependant.dependencies:
        found |= _declared(inner)
    return found
