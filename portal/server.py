"""The whole site as one ASGI app: the backend's API with the Dash portal mounted at /."""

from a2wsgi import WSGIMiddleware
from fastapi import FastAPI

from backend.main import create_app as create_api
from portal.app import create_portal


def create_app() -> FastAPI:
    app = create_api()
    app.mount("/", WSGIMiddleware(create_portal().server))  # type: ignore[arg-type]
    return app
