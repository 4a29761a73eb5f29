"""Kill -9 the embedded database under a stream of writes: nothing acknowledged is lost, the
server is back on its own within seconds, and requests meanwhile get a clear 503."""

import os
import signal
import threading
import time

import pytest
from pymongo.errors import PyMongoError

from backend import database
from tests import factories

pytestmark = pytest.mark.skipif(bool(os.environ.get("MONGODB_URI")), reason="embedded server only")


def _wait_until(condition, timeout_s: float) -> float:
    start = time.monotonic()
    while time.monotonic() - start < timeout_s:
        if condition():
            return time.monotonic() - start
        time.sleep(0.05)
    raise AssertionError(f"not within {timeout_s} s")


def _answers(api) -> bool:
    return api.get("/api/v1/businesses?pageSize=1").status_code == 200


def test_a_killed_database_comes_back_with_every_acknowledged_write(api, db):
    server = database._server
    assert server is not None and server.process is not None
    killed_pid = server.process.pid
    acknowledged: list[str] = []
    failed = 0
    stop = threading.Event()

    def write_stream() -> None:
        nonlocal failed
        n = 0
        while not stop.is_set():
            code = factories.valid_code()
            try:
                db.crash_writes.insert_one({"_id": code, "n": n})
                acknowledged.append(code)
            except PyMongoError:
                failed += 1  # not acknowledged: the writer may retry, nothing is promised
            n += 1

    writer = threading.Thread(target=write_stream)
    writer.start()
    _wait_until(lambda: len(acknowledged) >= 20, timeout_s=20)
    os.kill(killed_pid, signal.SIGKILL)
    during = api.get("/api/v1/businesses?pageSize=1")
    assert during.status_code in (200, 503)  # 200 only if the restart beat this request
    if during.status_code == 503:
        assert during.json()["error"] == "Unavailable" and during.headers["Retry-After"]
    assert _wait_until(lambda: _answers(api), timeout_s=10) < 5
    count_after_restart = len(acknowledged)
    _wait_until(lambda: len(acknowledged) > count_after_restart + 10, timeout_s=20)
    stop.set()
    writer.join()
    assert server.process.pid != killed_pid
    stored = {row["_id"] for row in db.crash_writes.find({"_id": {"$in": acknowledged}})}
    assert stored == set(acknowledged)


def test_requests_during_an_outage_get_a_readable_503(api, db, monkeypatch):
    from pymongo.errors import ServerSelectionTimeoutError

    from backend.businesses import service

    def down(*_args, **_kwargs):
        raise ServerSelectionTimeoutError("no server")

    monkeypatch.setattr(service, "search", down)
    response = api.get("/api/v1/businesses", headers={"Accept-Language": "en"})
    assert response.status_code == 503 and response.headers["Retry-After"] == "5"
    assert "briefly unavailable" in response.json()["detail"]


def test_a_terminals_ctrl_c_reaches_the_app_alone(db):
    """The embedded server runs in a session of its own, so Ctrl-C (sent to the terminal's whole
    process group) does not kill it under the worker's running job: the app stops it after."""
    server = database._server
    assert server is not None and server.process is not None
    assert os.getpgid(server.process.pid) != os.getpgid(0)
