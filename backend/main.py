"""The API application: the JSON API at /api, QR images at /qr. The portal mounts itself on it."""

import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request, Response
from starlette.exceptions import HTTPException
from starlette.middleware.cors import CORSMiddleware
from starlette.middleware.gzip import GZipMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from backend import database, i18n, indexes
from backend.api import api_router, document_errors, install_error_handlers, request_language
from backend.cameras.stream import router as kitchen_stream
from backend.clean_text import CleanJsonText
from backend.config import get_settings
from backend.i18n import _
from backend.qr.routes import router as qr
from backend.read_limit import ReadLimit
from backend.revalidation import Revalidated
from backend.rule_settings.middleware import RulesInForce
from backend.security_headers import SecurityHeaders


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    indexes.create_all(database.get_db())
    yield  # the database outlives the app: the CLI (or the test session) closes it


def create_app() -> FastAPI:
    app = FastAPI(title="Mingliang 明亮 API", version="1", lifespan=_lifespan,
                  docs_url="/api/docs", openapi_url="/api/openapi.json", redoc_url=None)
    install_error_handlers(app)
    app.include_router(api_router())
    app.include_router(qr)
    app.include_router(kitchen_stream)  # before the portal's mount: streams skip the WSGI bridge
    _answer_unknown_api_paths(app)
    document_errors(app)
    # Level 6: nearly level 9's size on HTML and JSON at a fraction of the CPU per response.
    app.add_middleware(Revalidated)  # inside the compression: the ETag is of the JSON itself
    app.add_middleware(GZipMiddleware, minimum_size=800, compresslevel=6)
    app.add_middleware(CleanJsonText)
    app.add_middleware(HeadAsGet)
    app.add_middleware(ReadLimit)  # outside HEAD-as-GET (both count), inside CORS and the headers
    app.add_middleware(SecurityHeaders, hsts=get_settings().environment != "development")
    app.add_middleware(OpenDataAnywhere)
    app.add_middleware(RulesInForce)  # administrators' rule changes, within seconds, in every process
    return app


class OpenDataAnywhere:
    """Open data read from a page on any site (a newsroom's chart, a consumer app): the API's GETs
    answer any origin. Without credentials: a browser sends no cookie with such a request, and the
    API's writes, which need a token or the portal's session, stay same-origin."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.cors = CORSMiddleware(app, allow_origins=["*"], allow_methods=["GET", "HEAD"],
                                   allow_headers=["Accept-Language", "If-None-Match"],
                                   expose_headers=["ETag", "Retry-After"], allow_credentials=False,
                                   max_age=86400)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        api = scope["type"] == "http" and scope["path"].startswith("/api/")
        await (self.cors if api else self.app)(scope, receive, send)


_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"]


class HeadAsGet:
    """HEAD on an API path answers as GET would, headers only (the API's routes declare GET)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD" or not scope["path"].startswith("/api/"):
            await self.app(scope, receive, send)
            return

        async def headers_only(message: Message) -> None:
            if message["type"] == "http.response.body":
                message = {**message, "body": b""}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, headers_only)


def _allowed_methods(app: FastAPI) -> list[tuple[re.Pattern[str], set[str]]]:
    """Each documented path as a pattern, with the methods it answers (read once, on first use)."""
    patterns = []
    for path, item in app.openapi()["paths"].items():
        pattern = re.compile("^" + re.sub(r"\\{[^}]+\\}", "[^/]+", re.escape(path)) + "$")
        patterns.append((pattern, {method.upper() for method in item} | {"HEAD", "OPTIONS"}))
    return patterns


def _answer_unknown_api_paths(app: FastAPI) -> None:
    """Below /api/ a wrong path or method is a JSON 404 / 405, never the portal's HTML page
    (the portal is mounted at / and would otherwise answer everything the API does not)."""
    known: list[tuple[re.Pattern[str], set[str]]] = []

    @app.api_route("/api", methods=_METHODS, include_in_schema=False)
    @app.api_route("/api/{rest:path}", methods=_METHODS, include_in_schema=False)
    async def _unknown(request: Request) -> Response:
        known[:] = known or _allowed_methods(app)
        allowed = set().union(*(methods for pattern, methods in known
                                if pattern.match(request.url.path)))
        if allowed and request.method == "OPTIONS":  # what this path answers to
            return Response(status_code=204, headers={"Allow": ", ".join(sorted(allowed))})
        with i18n.language(request_language(request)):
            if allowed and request.method not in allowed:
                listed = ", ".join(sorted(allowed - {"HEAD", "OPTIONS"}))
                raise HTTPException(405, _("Method not allowed here; use {methods}.").format(methods=listed),
                                    headers={"Allow": listed})
            raise HTTPException(404, _("No such API endpoint: see /api/docs for the ones there are."))
