"""The kitchen wall's live picture: a page's tiles composed into one frame, so a page of a dozen
live views is one stream (a browser opens only six connections to a server over HTTP/1.1, and a
page holding them all would wait for ever for its own scripts)."""

import io
import math
import time
from collections.abc import Callable

from PIL import Image

COLUMNS = 2  # phones first: the page lays its links over the picture in the same two columns
TILE = (240, 180)  # 4:3, the size of one tile
QUALITY = 60
BACKGROUND = (90, 96, 104)
_composed: dict[tuple[str, ...], tuple[float, tuple[object, ...], bytes]] = {}
MAX_KEPT = 256


def size(count: int) -> tuple[int, int]:
    return TILE[0] * COLUMNS, TILE[1] * max(1, math.ceil(count / COLUMNS))


def compose(tiles: list[bytes]) -> bytes:
    """Tiles left to right, top to bottom, each fitted into its 4:3 cell (no stretching)."""
    picture = Image.new("RGB", size(len(tiles)), BACKGROUND)
    for index, jpeg in enumerate(tiles):
        tile = Image.open(io.BytesIO(jpeg)).convert("RGB")
        tile.thumbnail(TILE)
        left = (index % COLUMNS) * TILE[0] + (TILE[0] - tile.width) // 2
        top = (index // COLUMNS) * TILE[1] + (TILE[1] - tile.height) // 2
        picture.paste(tile, (left, top))
    buffer = io.BytesIO()
    picture.save(buffer, format="JPEG", quality=QUALITY)
    return buffer.getvalue()


def latest(ids: tuple[str, ...], tile: Callable[[str], tuple[bytes, object]], *,
           fresh_s: float) -> tuple[bytes, object]:
    """The page's picture now; viewers of the same page share one composition per `fresh_s`,
    and it is composed again only when one of its tiles changed."""
    now = time.monotonic()
    kept = _composed.get(ids)
    if kept is not None and now - kept[0] < fresh_s:
        return kept[2], kept[1]
    frames = [tile(camera_id) for camera_id in ids]
    times = tuple(at for _jpeg, at in frames)
    jpeg = kept[2] if kept is not None and kept[1] == times else compose([j for j, _at in frames])
    if len(_composed) >= MAX_KEPT:
        _composed.clear()  # bounded; busy pages are composed again within a second
    _composed[ids] = (now, times, jpeg)
    return jpeg, times
