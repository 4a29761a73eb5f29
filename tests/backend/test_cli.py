"""`python -m backend serve`: serves portal and API, and Ctrl-C stops the database it started."""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def _get(url: str) -> int:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.status


def test_serve_answers_and_ctrl_c_stops_the_embedded_database(tmp_path):
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k != "MONGODB_URI"} | {
        "MINGLIANG_DATA_DIR": str(tmp_path), "PORT": str(port), "DEMO_BUSINESSES": "5"}
    server = subprocess.Popen([sys.executable, "-m", "backend", "serve", "--no-worker"], cwd=ROOT,
                              env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            try:
                assert _get(f"http://127.0.0.1:{port}/api/v1/businesses?pageSize=1") == 200
                break
            except OSError:
                time.sleep(0.5)
        assert _get(f"http://127.0.0.1:{port}/") == 200
        database_pid = int((tmp_path / "db" / "nx-27017.pid").read_text())
        assert _alive(database_pid)
        server.send_signal(signal.SIGINT)
        output, _ = server.communicate(timeout=30)
    finally:
        server.kill()
    assert "admin" in output and "mingliang-admin-demo" in output  # first start: demo accounts
    deadline = time.monotonic() + 10
    while _alive(database_pid) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not _alive(database_pid)
