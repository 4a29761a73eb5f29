"""The JSON API (FastAPI): feature routers under /api/v1, one handler for every domain error."""

from fastapi import APIRouter, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import ValidationError
from pymongo.errors import ConnectionFailure
from starlette.exceptions import HTTPException as StarletteHTTPException

from backend import i18n, invalid_input
from backend.alerts.routes import router as alerts
from backend.audit.routes import router as audit
from backend.businesses.routes import router as businesses
from backend.cameras.routes import router as cameras
from backend.complaints.routes import router as complaints
from backend.equipment.routes import router as equipment
from backend.errors import Conflict, DomainError, Forbidden, Invalid, NotFound, TooManyRequests, Unauthorized
from backend.evaluations.routes import router as evaluations
from backend.expiry.routes import router as notices
from backend.export.routes import router as export
from backend.grids.routes import router as grids
from backend.i18n import _
from backend.inspections.routes import router as inspections
from backend.licences.routes import router as licences
from backend.lists.routes import router as lists
from backend.objections.routes import router as objections
from backend.officers.routes import router as officers
from backend.officers.routes import units_router as units
from backend.penalties.routes import router as penalties
from backend.performance.routes import router as performance
from backend.purchases.routes import router as purchases
from backend.random_draw.routes import router as random_draws
from backend.records.routes import router as records
from backend.repair.routes import router as repair
from backend.reviews.routes import router as reviews
from backend.rule_settings.routes import router as rule_settings
from backend.tasks.routes import router as tasks
from backend.users.routes import admin_router as accounts
from backend.users.routes import router as users


def request_language(request: Request) -> str:
    return i18n.choose(requested=request.query_params.get("lang"),
                       cookie=request.cookies.get(i18n.LANGUAGE_COOKIE),
                       accept_language=request.headers.get("accept-language"))


def _error(status: int, message: str, **extra: object) -> JSONResponse:
    return JSONResponse({"detail": message, **extra}, status_code=status)


def error_name(exc: DomainError) -> str:
    """What `error` says: the kind of refusal a client can act on (TooManyRequests), never an
    inner class's own name (WaitRefused)."""
    kinds = (Invalid, Unauthorized, Forbidden, NotFound, Conflict, TooManyRequests, DomainError)
    return next(kind.__name__ for kind in type(exc).__mro__ if kind in kinds)


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(DomainError)
    async def _domain(request: Request, exc: DomainError) -> JSONResponse:
        with i18n.language(request_language(request)):
            message = exc.translated(i18n.gettext)
        # A refusal of the input has the shape of a field's: `errors` holds its line too.
        response = _error(exc.status_code, message, error=error_name(exc),
                          **({"errors": [message]} if exc.status_code == 422 else {}))
        if exc.status_code == 401:
            response.headers["WWW-Authenticate"] = "Bearer"
        if isinstance(exc, TooManyRequests):
            response.headers["Retry-After"] = str(exc.retry_after_s)
        return response

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        with i18n.language(request_language(request)):
            messages = [invalid_input.line(error) for error in exc.errors()]
        return _error(422, "; ".join(messages), error="Invalid", errors=messages)

    @app.exception_handler(ValidationError)
    async def _invalid_model(request: Request, exc: ValidationError) -> JSONResponse:
        # A model built inside a route (e.g. from form fields) refuses its input: the same 422.
        with i18n.language(request_language(request)):
            messages = [invalid_input.line(dict(error)) for error in exc.errors()]
        return _error(422, "; ".join(messages), error="Invalid", errors=messages)

    @app.exception_handler(ConnectionFailure)
    async def _database_down(request: Request, exc: ConnectionFailure) -> JSONResponse:
        # Covers server selection timeouts and lost connections; nothing was half-written.
        with i18n.language(request_language(request)):
            message = _("The service is briefly unavailable. Please try again in a few seconds.")
        response = _error(503, message, error="Unavailable")
        response.headers["Retry-After"] = "5"
        return response

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        # Ours (unknown paths and methods) come translated already; Starlette's own in English,
        # and of those a form it could not read says so in the caller's language.
        detail = str(exc.detail)
        if exc.status_code == 400 and request.headers.get("content-type", "").startswith("multipart/"):
            with i18n.language(request_language(request)):
                detail = _("The form could not be read ({reason}): send multipart/form-data with the "
                           "fields this endpoint takes.").format(reason=exc.detail)
        response = _error(exc.status_code, detail, error="HTTPError")
        response.headers.update(exc.headers or {})
        return response


def api_router() -> APIRouter:
    router = APIRouter(prefix="/api/v1")
    for feature in (businesses, licences, purchases, inspections, penalties, officers, units, users,
                    accounts, tasks, complaints, grids, performance, equipment, random_draws, notices,
                    repair, objections, lists, records, export, reviews, evaluations, cameras,
                    alerts, rule_settings, audit):
        router.include_router(feature)
    return router


_PROBLEM = {
    "title": "Problem",
    "description": "Every error: a readable `detail` in the caller's language, and its kind.",
    "type": "object",
    "required": ["detail", "error"],
    "properties": {
        "detail": {"type": "string"},
        "error": {"type": "string", "examples": ["Invalid", "NotFound", "Forbidden"]},
        "errors": {"type": "array", "items": {"type": "string"},
                   "description": "one line per invalid field (422)"},
    },
}


def document_errors(app: FastAPI) -> None:
    """The OpenAPI document states the error body the handlers above really send, for every
    operation (FastAPI would otherwise document its own 422 shape and no other error)."""
    build = app.openapi

    def openapi() -> dict:
        if app.openapi_schema:
            return app.openapi_schema
        document = build()
        schemas = document.setdefault("components", {}).setdefault("schemas", {})
        schemas.pop("HTTPValidationError", None)
        schemas.pop("ValidationError", None)
        schemas["Problem"] = _PROBLEM
        problem = {"description": "Error", "content": {"application/json": {
            "schema": {"$ref": "#/components/schemas/Problem"}}}}
        for item in document.get("paths", {}).values():
            for operation in item.values():
                responses = operation.setdefault("responses", {})
                if "422" in responses:
                    responses["422"] = problem | {"description": "Invalid input"}
                responses.setdefault("default", problem)
                if any(param.get("name") == "format" for param in operation.get("parameters", [])):
                    # open-data lists answer format=csv as a CSV file
                    responses.get("200", {}).setdefault("content", {})["text/csv"] = {
                        "schema": {"type": "string"}}
        app.openapi_schema = document
        return document

    app.openapi = openapi  # type: ignore[method-assign]
