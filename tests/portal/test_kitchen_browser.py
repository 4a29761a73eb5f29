"""The kitchen pages in a real browser and over a real socket: a frame shows, a viewer that
leaves ends its stream, and open streams never hold up other requests."""

import socket
import time
from urllib.parse import urlsplit

import pytest

from backend.cameras import detector, stream, watch
from backend.config import get_settings
from tests import factories, kitchen
from tests.backend.cameras.fakes import NoDetections
from tests.portal.test_browser import _dash_ready, _wait, browser, server_url  # noqa: F401 - fixtures

pytestmark = pytest.mark.skipif(not __import__("pathlib").Path("/usr/bin/chromium").exists(),
                                reason="needs Debian's chromium and chromium-driver")


@pytest.fixture(scope="module")
def live_camera(db):
    code = factories.business(db, name="明厨亮灶示范店")
    camera_id = kitchen.camera(db, code, source_url="sim://4", public=True)
    detector.use(NoDetections())
    watch.Watcher(holder="browser-test").cycle(db)  # one frame published, as the worker does
    detector.use(None)
    return camera_id


def _open_stream(url: str, camera_id: str) -> socket.socket:
    parts = urlsplit(url)
    sock = socket.create_connection((parts.hostname, parts.port), timeout=10)
    sock.sendall(f"GET /kitchen/{camera_id}/stream.mjpg HTTP/1.1\r\nHost: x\r\n\r\n".encode())
    received = b""
    while b"\xff\xd8" not in received:
        received += sock.recv(65536)
    assert b"multipart/x-mixed-replace" in received
    return sock


def test_the_camera_page_shows_a_live_frame(server_url, browser, live_camera):  # noqa: F811
    from selenium.webdriver.common.by import By

    browser.get(f"{server_url}/kitchen/{live_camera}")
    image = browser.find_element(By.ID, "kitchen-live")
    _wait(browser, lambda driver: driver.execute_script("return arguments[0].naturalWidth", image) > 0)
    assert browser.execute_script("return arguments[0].naturalWidth", image) == 480


def test_the_wall_shows_the_camera(server_url, browser, live_camera):  # noqa: F811
    from selenium.webdriver.common.by import By

    browser.get(f"{server_url}/kitchen")
    browser.find_element(By.CSS_SELECTOR, f"a[href='/kitchen/{live_camera}']")
    picture = browser.find_element(By.CSS_SELECTOR, "img.wall-picture")
    _wait(browser, lambda driver: driver.execute_script("return arguments[0].naturalWidth", picture) > 0)


def test_a_viewer_leaving_ends_its_stream_and_streams_never_block_pages(server_url, live_camera):  # noqa: F811
    import httpx

    before = stream.open_streams  # a browser of an earlier test may still be watching
    viewers = [_open_stream(server_url, live_camera) for _ in range(12)]
    assert stream.open_streams == before + 12
    # With a dozen streams open, pages and the API still answer.
    assert httpx.get(f"{server_url}/kitchen", timeout=10).status_code == 200
    assert httpx.get(f"{server_url}/api/v1/cameras", timeout=10).status_code == 200
    for viewer in viewers:
        viewer.close()
    deadline = time.monotonic() + 30
    while stream.open_streams > before and time.monotonic() < deadline:
        time.sleep(0.1)
    assert stream.open_streams <= before


def test_withdrawn_consent_ends_the_streams_already_open(server_url, db, monkeypatch):  # noqa: F811
    """New viewers got a 404 at once, but a tab left open showed the kitchen for as long as it stayed."""
    monkeypatch.setattr(stream, "RECHECK_S", 0.2)
    camera_id = kitchen.camera(db, factories.business(db, name="撤回同意的店"), source_url="sim://5",
                               public=True)
    viewer = _open_stream(server_url, camera_id)
    db.cameras.update_one({"_id": camera_id}, {"$set": {"public": False}})
    viewer.settimeout(10)
    received, deadline = b"", time.monotonic() + 10
    while time.monotonic() < deadline:
        chunk = viewer.recv(65536)
        if not chunk:
            break   # the server ended the stream
        received += chunk
    viewer.close()
    assert time.monotonic() < deadline and received.endswith(b"0\r\n\r\n")   # the last chunk


@pytest.fixture(scope="module")
def full_wall(db):
    """A page of the wall, every tile with a frame published: the most streams a page opens."""
    cameras = [kitchen.camera(db, factories.business(db, district="海珠区"), source_url=f"sim://{20 + i}")
               for i in range(get_settings().wall_page_size)]
    detector.use(NoDetections())
    watch.Watcher(holder="wall-test").cycle(db)
    detector.use(None)
    return cameras


def test_a_full_page_of_live_tiles_plays_and_the_page_stays_usable(server_url, browser, full_wall):  # noqa: F811
    from selenium.webdriver.common.by import By

    browser.get(f"{server_url}/kitchen?district=海珠区")
    links = browser.find_elements(By.CSS_SELECTOR, ".wall-tiles a")
    assert sorted(link.get_attribute("href").rsplit("/", 1)[1] for link in links) == sorted(full_wall)
    picture = browser.find_element(By.CSS_SELECTOR, "img.wall-picture")
    _wait(browser, lambda driver: driver.execute_script("return arguments[0].naturalWidth", picture) > 0)
    assert browser.execute_script("return arguments[0].naturalWidth", picture) == 480
    # Each link lies over its own tile: same width as a column, same 4:3 shape, in order.
    boxes = [link.rect for link in links]
    shown = picture.rect
    assert abs(boxes[0]["width"] * 2 - shown["width"]) <= 2
    assert abs(boxes[-1]["y"] + boxes[-1]["height"] - (shown["y"] + shown["height"])) <= 2
    # One stream for the page: the page's own scripts still load, and Dash takes over.
    browser.execute_script("window.portalTakeover()")
    _wait(browser, _dash_ready)
    browser.find_element(By.CSS_SELECTOR, "a[href='/kitchen/ai']").click()
    _wait(browser, lambda driver: "/kitchen/ai" in driver.current_url
          and driver.find_elements(By.ID, "kitchen-precision"))
