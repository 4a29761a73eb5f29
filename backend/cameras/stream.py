"""The live view: /kitchen/<camera-id>/stream.mjpg (multipart JPEG) and still.jpg.

Served by FastAPI directly, not through the portal's WSGI bridge: each stream is an async
generator that sleeps between frames, so hundreds of open streams hold no thread, and one that
the viewer closes ends at its next frame."""

import asyncio
import io
from functools import cache
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import StreamingResponse
from itsdangerous import BadSignature, URLSafeTimedSerializer
from starlette.concurrency import run_in_threadpool

from backend.cameras import repository
from backend.config import get_settings
from backend.database import get_db
from backend.errors import NotFound

router = APIRouter(tags=["kitchen"])
BOUNDARY = "frame"
VIEW_TOKEN_MAX_AGE_S = 12 * 3600
KEEPALIVE_S = 10.0  # resend the last frame now and then, so proxies keep the stream open
open_streams = 0  # live streams being served by this process (for monitoring and tests)
_NO_CACHE = {"Cache-Control": "no-cache, no-store", "Content-Encoding": "identity",
             "X-Content-Type-Options": "nosniff"}


def _signer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(get_settings().secret_key, salt="camera-view")


def view_token(camera_id: str) -> str:
    """Lets a viewer the portal has checked (the business, its officers) open a non-public camera."""
    return _signer().dumps(camera_id)


def _viewable(camera_id: str, token: str) -> dict[str, Any]:
    camera = repository.get(get_db(), camera_id)
    if camera is not None and not camera.get("public"):
        try:
            allowed = _signer().loads(token, max_age=VIEW_TOKEN_MAX_AGE_S) == camera_id
        except BadSignature:
            allowed = False
        camera = camera if allowed else None
    if camera is None:
        raise NotFound("No public camera has the id {id}.", id=camera_id)
    return camera


@cache
def placeholder() -> bytes:
    """Shown until the worker has published a frame: a plain grey picture."""
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (480, 360), (90, 96, 104)).save(buffer, format="JPEG", quality=60)
    return buffer.getvalue()


def _latest(camera_id: str) -> tuple[bytes, object]:
    frame = repository.latest_frame(get_db(), camera_id)
    return (bytes(frame["jpeg"]), frame["at"]) if frame else (placeholder(), None)


def _part(jpeg: bytes) -> bytes:
    head = f"--{BOUNDARY}\r\nContent-Type: image/jpeg\r\nContent-Length: {len(jpeg)}\r\n\r\n"
    return head.encode() + jpeg + b"\r\n"


@router.get("/kitchen/{camera_id}/stream.mjpg", response_class=StreamingResponse,
            responses={200: {"content": {f"multipart/x-mixed-replace; boundary={BOUNDARY}": {}}}})
async def stream(request: Request, camera_id: str,
                 v: Annotated[str, Query(max_length=200)] = "") -> StreamingResponse:
    """Boxes drawn, faces blurred where the business chose it, at STREAM_FPS at most."""
    await run_in_threadpool(_viewable, camera_id, v)
    period = 1.0 / get_settings().stream_fps

    async def parts():  # type: ignore[no-untyped-def]
        global open_streams
        sent_at, sent_when = object(), 0.0
        loop = asyncio.get_running_loop()
        open_streams += 1
        try:
            while not await request.is_disconnected():
                jpeg, at = await run_in_threadpool(_latest, camera_id)
                if at != sent_at or loop.time() - sent_when > KEEPALIVE_S:
                    yield _part(jpeg)
                    sent_at, sent_when = at, loop.time()
                await asyncio.sleep(period)
        finally:  # the viewer left: the server cancels us, or we noticed first
            open_streams -= 1

    return StreamingResponse(parts(), media_type=f"multipart/x-mixed-replace; boundary={BOUNDARY}",
                             headers=_NO_CACHE)


@router.get("/kitchen/{camera_id}/still.jpg", response_class=Response,
            responses={200: {"content": {"image/jpeg": {}}}})
async def still(camera_id: str, v: Annotated[str, Query(max_length=200)] = "") -> Response:
    """The latest frame alone: for the wall's grid and a lazy image on the QR page."""
    await run_in_threadpool(_viewable, camera_id, v)
    jpeg, _at = await run_in_threadpool(_latest, camera_id)
    return Response(jpeg, media_type="image/jpeg", headers={"Cache-Control": "no-cache"})
