"""The kitchen wall: a dozen live tiles a page as one stream, filtered by district and trade through
a plain GET form; each tile is made small once per frame, the page's picture composed once."""

import io
import re

import pytest
from PIL import Image

from backend.cameras import mosaic, stream
from backend.config import get_settings
from tests import factories, kitchen
from tests.portal.conftest import ENGLISH


def _tiles(html: str) -> list[str]:
    """The cameras in the page's live picture, checked against the links laid over it."""
    picture = re.search(r'src="/kitchen/wall\.mjpg\?ids=([\w,-]+)"', html)
    shown = picture.group(1).split(",") if picture else []
    assert re.findall(r'class="tile-link[^"]*" href="/kitchen/(cam-\w+)"', html) == shown
    return shown


@pytest.fixture(scope="module")
def wall(db):
    """13 public cameras of caterers in 越秀区, one of a food shop in 荔湾区, one private."""
    cameras = [kitchen.camera(db, factories.business(db, district="越秀区"), name=f"墙{i:02d}")
               for i in range(13)]
    shop = kitchen.camera(db, factories.business(db, district="荔湾区", trade="food_sales"))
    private = kitchen.camera(db, factories.business(db, district="越秀区"), public=False)
    return cameras, shop, private


def test_the_wall_pages_its_live_tiles_a_dozen_at_a_time(site, wall):
    cameras, shop, private = wall
    first = site.get("/kitchen", headers=ENGLISH).text
    assert len(_tiles(first)) == get_settings().wall_page_size == 12
    assert "15 cameras" not in first and "14 cameras" in first  # the private one is not counted
    assert 'href="/kitchen?page=2"' in first and "Page 1 of 2" in first
    second = site.get("/kitchen?page=2", headers=ENGLISH).text
    assert len(_tiles(second)) == 2
    assert set(_tiles(first)) | set(_tiles(second)) == set(cameras) | {shop}
    assert 'href="/kitchen"' in second  # back to the first page


@pytest.mark.parametrize("query, expected", [
    ("district=荔湾区", "shop"),
    ("trade=food_sales", "shop"),
    ("district=越秀区&trade=food_sales", None),
    ("district=越秀区&page=2", "one caterer"),
])
def test_the_filters_work_as_a_plain_get_form(site, wall, query, expected):
    cameras, shop, _private = wall
    html = site.get(f"/kitchen?{query}", headers=ENGLISH).text
    tiles = _tiles(html)
    if expected == "shop":
        assert tiles == [shop]
    elif expected is None:
        # the filter found nothing, which is not the wall being empty: say so, and the way out
        assert tiles == [] and "No kitchen matches this filter." in html
        assert "No business here shows its kitchen yet." not in html
        assert re.search(r'<a href="/kitchen">Clear the filter and show every kitchen</a>', html)
    else:
        assert len(tiles) == 1 and tiles[0] in cameras
        # The pager keeps the filter.
        assert "href=\"/kitchen?district=%E8%B6%8A%E7%A7%80%E5%8C%BA\"" in html


def test_the_filter_form_needs_no_script(site, wall):
    html = site.get("/kitchen?district=荔湾区", headers=ENGLISH).text
    form = re.search(r'<form[^>]*action="/kitchen"[^>]*>', html).group(0)
    assert 'method="get"' in form
    assert '<option selected value="荔湾区">' in html


def _width(jpeg: bytes) -> int:
    return Image.open(io.BytesIO(jpeg)).width


def test_a_tile_is_the_latest_frame_made_small_once(db, monkeypatch):
    frame = io.BytesIO()
    Image.new("RGB", (480, 360), (200, 30, 30)).save(frame, format="JPEG")
    reads = []
    monkeypatch.setattr(stream, "_latest", lambda camera_id: reads.append(camera_id) or (frame.getvalue(), 1))
    shrunk = []
    real_shrink = stream.shrink
    monkeypatch.setattr(stream, "shrink",
                        lambda jpeg, width: shrunk.append(width) or real_shrink(jpeg, width))
    first, _at = stream._latest_tile("cam-tile")
    again, _at = stream._latest_tile("cam-tile")
    assert _width(first) == stream.TILE_WIDTH == 240 and again == first
    assert len(reads) == 2 and shrunk == [240]  # read twice, made small once


def test_the_wall_stream_shows_public_cameras_only(site, wall):
    cameras, _shop, private = wall
    assert site.get(f"/kitchen/wall.mjpg?ids={cameras[0]},{private}").status_code == 404
    too_many = ",".join(f"cam-{i:010x}" for i in range(25))
    assert site.get(f"/kitchen/wall.mjpg?ids={too_many}").status_code == 422


def _jpeg(colour: tuple[int, int, int], size=(480, 360)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, format="JPEG")
    return buffer.getvalue()


def test_a_page_picture_is_composed_only_when_a_tile_changed(monkeypatch):
    frames = {"cam-a": (_jpeg((200, 0, 0), (240, 180)), 1), "cam-b": (_jpeg((0, 0, 200), (240, 135)), 1),
              "cam-c": (_jpeg((0, 200, 0), (240, 180)), 1)}
    composed = []
    real = mosaic.compose
    monkeypatch.setattr(mosaic, "compose", lambda tiles: composed.append(len(tiles)) or real(tiles))
    ids = ("cam-a", "cam-b", "cam-c")
    picture, _times = mosaic.latest(ids, frames.__getitem__, fresh_s=0)
    again, _times = mosaic.latest(ids, frames.__getitem__, fresh_s=0)
    assert again == picture and composed == [3]
    image = Image.open(io.BytesIO(picture)).convert("RGB")
    assert image.size == (480, 360)  # two to a row, a grey cell where the third row has no tile
    assert image.getpixel((120, 90))[0] > 150 and image.getpixel((360, 90))[2] > 150  # red, blue
    assert image.getpixel((120, 270))[1] > 150  # green below the red
    assert image.getpixel((360, 10)) == pytest.approx(mosaic.BACKGROUND, abs=12)  # 16:9 fitted, not stretched
    frames["cam-b"] = (_jpeg((250, 250, 0)), 2)
    mosaic.latest(ids, frames.__getitem__, fresh_s=0)
    assert composed == [3, 3]


def test_a_kitchen_outside_its_staffed_hours_says_so(site, db):
    """An empty kitchen at night is no fault of the camera: its tile and its page say why."""
    from datetime import timedelta

    from backend import clock

    now = clock.local(clock.now())
    later = [(now + timedelta(hours=h)).strftime("%H:00") for h in (2, 4)]
    closed = kitchen.camera(db, factories.business(db, district="白云区"), staffed_hours="-".join(later))
    tile = site.get("/kitchen?district=白云区", headers=ENGLISH).text
    assert _tiles(tile) == [closed] and "outside staffed hours" in tile
    assert "outside staffed hours" in site.get(f"/kitchen/{closed}", headers=ENGLISH).text
    earlier = [(now - timedelta(hours=h)).strftime("%H:00") for h in (1, -2)]   # staffed now
    kitchen.camera(db, factories.business(db, district="花都区"), staffed_hours="-".join(earlier))
    assert "outside staffed hours" not in site.get("/kitchen?district=花都区", headers=ENGLISH).text


def test_an_empty_wall_without_a_filter_says_no_kitchen_is_shown_yet():
    from backend import i18n
    from portal.pages import kitchen as wall_page
    from portal.serialize import to_html

    with i18n.language("en"):
        html = to_html(wall_page._nothing(0, {"district": "", "trade": ""}, 0))
    assert "No business here shows its kitchen yet." in html and "Clear the filter" not in html
