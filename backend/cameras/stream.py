"""The live view: /kitchen/<camera-id>/stream.mjpg (multipart JPEG) and still.jpg.

Served by FastAPI directly, not through the portal's WSGI bridge: each stream is an async
generator that sleeps between frames, so hundreds of open streams hold no thread, and one that
the viewer closes ends at its next frame."""

import asyncio
import io
from collections.abc import Callable
from functools import cache
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import StreamingResponse
from itsdangerous import BadSignature, URLSafeTimedSerializer
from starlette.concurrency import run_in_threadpool

from backend.cameras import mosaic, repository
from backend.config import get_settings
from backend.database import get_db
from backend.errors import Invalid, NotFound

router = APIRouter(tags=["kitchen"])
BOUNDARY = "frame"
VIEW_TOKEN_MAX_AGE_S = 12 * 3600
KEEPALIVE_S = 10.0  # resend the last frame now and then, so proxies keep the stream open
RECHECK_S = 5.0  # an open stream ends within this long of the business withdrawing its consent
open_streams = 0  # live streams being served by this process (for monitoring and tests)
TILE_WIDTH, TILE_QUALITY = mosaic.TILE[0], mosaic.QUALITY
MAX_TILES_KEPT = 512
MAX_WALL_TILES = 24
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


def _still_viewable(camera_ids: tuple[str, ...], token: str) -> bool:
    try:
        for camera_id in camera_ids:
            _viewable(camera_id, token)
    except NotFound:
        return False
    return True


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


_tiles: dict[str, tuple[object, bytes]] = {}  # per camera: the frame time and its tile


def _latest_tile(camera_id: str) -> tuple[bytes, object]:
    """The latest frame made small for the wall, once per frame however many viewers watch it."""
    jpeg, at = _latest(camera_id)
    cached = _tiles.get(camera_id)
    if cached is None or cached[0] != at:
        cached = (at, shrink(jpeg, TILE_WIDTH))
        if len(_tiles) >= MAX_TILES_KEPT:
            _tiles.clear()  # crude, but bounded; a wall page refills it within a second
        _tiles[camera_id] = cached
    return cached[1], at


def shrink(jpeg: bytes, width: int) -> bytes:
    from PIL import Image

    image: Image.Image = Image.open(io.BytesIO(jpeg))
    if image.width > width:
        image = image.convert("RGB").resize((width, round(image.height * width / image.width)))
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=TILE_QUALITY)
    return buffer.getvalue()


def _part(jpeg: bytes) -> bytes:
    head = f"--{BOUNDARY}\r\nContent-Type: image/jpeg\r\nContent-Length: {len(jpeg)}\r\n\r\n"
    return head.encode() + jpeg + b"\r\n"


def _serve(request: Request, latest: Callable[[], tuple[bytes, object]], period: float,
           allowed: Callable[[], bool]) -> StreamingResponse:
    """A multipart JPEG stream: a part whenever the frame changes (and now and then anyway), for
    as long as the viewer may see it (`allowed`, asked again every RECHECK_S: a camera no longer
    public, or deleted, ends the streams already open on it)."""

    async def parts():  # type: ignore[no-untyped-def]
        global open_streams
        sent_at, sent_when = object(), 0.0
        loop = asyncio.get_running_loop()
        checked_when = loop.time()
        open_streams += 1
        try:
            while not await request.is_disconnected():
                if loop.time() - checked_when > RECHECK_S:
                    if not await run_in_threadpool(allowed):
                        break
                    checked_when = loop.time()
                jpeg, at = await run_in_threadpool(latest)
                if at != sent_at or loop.time() - sent_when > KEEPALIVE_S:
                    yield _part(jpeg)
                    sent_at, sent_when = at, loop.time()
                await asyncio.sleep(period)
        finally:  # the viewer left: the server cancels us, or we noticed first
            open_streams -= 1

    return StreamingResponse(parts(), media_type=f"multipart/x-mixed-replace; boundary={BOUNDARY}",
                             headers=_NO_CACHE)


_MJPEG: dict[int | str, dict[str, Any]] = {
    200: {"content": {f"multipart/x-mixed-replace; boundary={BOUNDARY}": {}}}}


@router.get("/kitchen/wall.mjpg", response_class=StreamingResponse, responses=_MJPEG)
async def wall(request: Request, ids: Annotated[str, Query(max_length=400)]) -> StreamingResponse:
    """A page of the wall as one stream: the listed public cameras' tiles, two to a row, at
    TILE_FPS (one connection however many tiles the page shows)."""
    wanted = tuple(dict.fromkeys(part for part in ids.split(",") if part))
    if not 0 < len(wanted) <= MAX_WALL_TILES:
        raise Invalid("List between 1 and {count} camera ids.", count=MAX_WALL_TILES)
    for camera_id in wanted:
        await run_in_threadpool(_viewable, camera_id, "")  # public ones only
    period = 1.0 / get_settings().tile_fps
    return _serve(request, lambda: mosaic.latest(wanted, _latest_tile, fresh_s=period / 2), period,
                  lambda: _still_viewable(wanted, ""))


@router.get("/kitchen/{camera_id}/stream.mjpg", response_class=StreamingResponse, responses=_MJPEG)
async def stream(request: Request, camera_id: str,
                 v: Annotated[str, Query(max_length=200)] = "",
                 tile: Annotated[bool, Query()] = False) -> StreamingResponse:
    """Boxes drawn, faces blurred where the business chose it, at STREAM_FPS at most; with
    tile=1 one tile of the wall: 240 px wide, at TILE_FPS."""
    await run_in_threadpool(_viewable, camera_id, v)
    settings = get_settings()
    period = 1.0 / (settings.tile_fps if tile else settings.stream_fps)
    latest = _latest_tile if tile else _latest
    return _serve(request, lambda: latest(camera_id), period, lambda: _still_viewable((camera_id,), v))


@router.get("/kitchen/{camera_id}/still.jpg", response_class=Response,
            responses={200: {"content": {"image/jpeg": {}}}})
async def still(camera_id: str, v: Annotated[str, Query(max_length=200)] = "") -> Response:
    """The latest frame alone: for the wall's grid and a lazy image on the QR page."""
    await run_in_threadpool(_viewable, camera_id, v)
    jpeg, _at = await run_in_threadpool(_latest, camera_id)
    return Response(jpeg, media_type="image/jpeg", headers={"Cache-Control": "no-cache"})
