"""The whole site as one ASGI app: the backend's API with the Dash portal mounted at /."""

from a2wsgi import WSGIMiddleware
from fastapi import FastAPI

from backend.main import create_app as create_api
from portal.app import create_portal
from portal.qr_route import PATH, QrPageRoute


def create_app() -> FastAPI:
    app = create_api()
    portal = create_portal()
    portal.set_up_now()  # so that the very first scan can skip Flask too
    bridge = WSGIMiddleware(portal.server)  # type: ignore[arg-type]
    # Before the mount: a scanned sticker's page skips the WSGI bridge (see portal.qr_route).
    app.add_route(PATH, QrPageRoute(portal, bridge), methods=["GET"], include_in_schema=False)
    app.mount("/", bridge)
    return app
