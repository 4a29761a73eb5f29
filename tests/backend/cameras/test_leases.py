"""Two real worker processes share the cameras through leases; when one is killed, the other
takes its cameras over within the lease time."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from backend import database
from backend.config import get_settings
from tests import factories, kitchen

ROOT = Path(__file__).resolve().parents[3]
LEASE_TTL_S = 8  # long enough that a busy machine's slow cycle does not lapse a live worker's lease


def _worker(db) -> subprocess.Popen:
    env = os.environ | {"MONGODB_URI": database.uri(), "MINGLIANG_DB_NAME": db.name,
                        "DETECTOR": "tests.backend.cameras.fakes:NoDetections",
                        "CAMERA_LEASE_TTL_S": str(LEASE_TTL_S), "CAMERA_SAMPLE_FPS": "2",
                        "CAMERAS_PER_WORKER": "2"}
    return subprocess.Popen([sys.executable, "-m", "backend", "worker"], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _holders(db, cameras: list[str]) -> dict[str, str | None]:
    """Each camera's live lease holder, by the pid inside the holder's name."""
    now = database.get_client()  # noqa: F841 - the same server the workers use
    holders = {}
    for camera_id in cameras:
        lease = db.leases.find_one({"_id": f"camera:{camera_id}"})
        holders[camera_id] = lease["holder"].split(":")[1] if lease else None
    return holders


def _wait_for(condition, timeout_s: float = 90.0):
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError("condition not met in time")


@pytest.fixture
def workers(db):
    started: list[subprocess.Popen] = []
    yield lambda: started.append(_worker(db)) or started[-1]
    for process in started:
        if process.poll() is None:
            process.kill()
        process.wait(timeout=30)


def test_two_workers_share_cameras_and_one_takes_over_when_the_other_dies(db, workers):
    assert get_settings().db_name == db.name
    code = factories.business(db)
    cameras = [kitchen.camera(db, code, source_url=f"sim://{n}") for n in (1, 2, 3)]
    first = workers()
    # Alone, the first worker watches as many cameras as its capacity allows (two of three).
    _wait_for(lambda: sum(h == str(first.pid) for h in _holders(db, cameras).values()) == 2)
    second = workers()
    # The second takes the camera left over; no camera is ever held by both.
    shared = _wait_for(lambda: (h := _holders(db, cameras)) and None not in h.values() and h)
    assert sorted(shared.values()) == sorted([str(first.pid)] * 2 + [str(second.pid)])
    watched = _wait_for(lambda: {c["watched_by"].split(":")[1] for c in db.cameras.find(
        {"_id": {"$in": cameras}}) if c.get("watched_by")} == {str(first.pid), str(second.pid)})
    assert watched
    before = _holders(db, cameras)
    os.kill(first.pid, signal.SIGKILL)
    first.wait(timeout=30)
    kept = [camera for camera, holder in before.items() if holder == str(second.pid)]
    orphaned = [camera for camera, holder in before.items() if holder == str(first.pid)]
    # After the lease time the survivor takes over one more camera (its capacity is two) and
    # keeps the one it had.
    taken = _wait_for(lambda: [c for c in orphaned if _holders(db, [c])[c] == str(second.pid)])
    assert len(taken) >= 1
    after = _holders(db, cameras)
    assert all(after[camera] == str(second.pid) for camera in kept)
    assert sum(holder == str(second.pid) for holder in after.values()) == 2
