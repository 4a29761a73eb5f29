"""The JSON API (FastAPI): feature routers under /api/v1, one handler for every domain error."""

from fastapi import APIRouter, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from backend import i18n
from backend.alerts.routes import router as alerts
from backend.businesses.routes import router as businesses
from backend.cameras.routes import router as cameras
from backend.errors import DomainError, TooManyRequests
from backend.inspections.routes import router as inspections
from backend.licences.routes import router as licences
from backend.officers.routes import router as officers
from backend.penalties.routes import router as penalties
from backend.purchases.routes import router as purchases
from backend.tasks.routes import router as tasks
from backend.users.routes import router as users


def request_language(request: Request) -> str:
    return i18n.choose(requested=request.query_params.get("lang"),
                       cookie=request.cookies.get(i18n.LANGUAGE_COOKIE),
                       accept_language=request.headers.get("accept-language"))


def _error(status: int, message: str, **extra: object) -> JSONResponse:
    return JSONResponse({"detail": message, **extra}, status_code=status)


def _validation_message(error: dict) -> str:
    """One readable line per invalid field; our own rules' messages are translated."""
    if error.get("type") == "json_invalid":
        return i18n.gettext("The request body is not valid JSON.")
    cause = (error.get("ctx") or {}).get("error")
    text = cause.translated(i18n.gettext) if isinstance(cause, DomainError) else error["msg"]
    where = ".".join(str(part) for part in error.get("loc", ()) if part not in ("body", "query"))
    return f"{where}: {text}" if where else text


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(DomainError)
    async def _domain(request: Request, exc: DomainError) -> JSONResponse:
        with i18n.language(request_language(request)):
            response = _error(exc.status_code, exc.translated(i18n.gettext),
                              error=type(exc).__name__)
        if exc.status_code == 401:
            response.headers["WWW-Authenticate"] = "Bearer"
        if isinstance(exc, TooManyRequests):
            response.headers["Retry-After"] = str(exc.retry_after_s)
        return response

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        with i18n.language(request_language(request)):
            messages = [_validation_message(error) for error in exc.errors()]
        return _error(422, "; ".join(messages), error="Invalid", errors=messages)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        return _error(exc.status_code, str(exc.detail), error="HTTPError")


def api_router() -> APIRouter:
    router = APIRouter(prefix="/api/v1")
    for feature in (businesses, licences, purchases, inspections, penalties, officers, users,
                    tasks, cameras, alerts):
        router.include_router(feature)
    return router
