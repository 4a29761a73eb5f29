"""`python -m backend serve`: serves portal and API, and Ctrl-C stops the database it started."""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

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


def test_several_web_processes_share_one_embedded_database(tmp_path):
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k != "MONGODB_URI"} | {
        "MINGLIANG_DATA_DIR": str(tmp_path), "PORT": str(port), "DEMO_BUSINESSES": "3",
        "WEB_CONCURRENCY": "2"}
    server = subprocess.Popen([sys.executable, "-m", "backend", "serve", "--no-worker"], cwd=ROOT,
                              env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                              start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                assert _get(f"http://127.0.0.1:{port}/api/v1/businesses?pageSize=1") == 200
                break
            except OSError:
                time.sleep(0.5)
        assert all(_get(f"http://127.0.0.1:{port}/") == 200 for _ in range(6))
        children = subprocess.run(["pgrep", "-P", str(server.pid)], capture_output=True,
                                  text=True).stdout.split()
        commands = [Path(f"/proc/{pid}/cmdline").read_bytes() for pid in children]
        assert sum(b"nx_27017" in c or b"embedded_server" in c for c in commands) == 1
        assert sum(b"spawn_main" in c for c in commands) == 2  # the two web processes
    finally:
        os.killpg(server.pid, signal.SIGINT)
        try:
            server.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)


def test_the_search_index_commands_run_on_their_own(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "MONGODB_URI"} | {
        "MINGLIANG_DATA_DIR": str(tmp_path)}
    for command, said in [("reindex-search", "triples with a digit of 0 businesses"),
                          ("recount-search", "Counted 0 rows")]:
        done = subprocess.run([sys.executable, "-m", "backend", command], cwd=ROOT, env=env,
                              capture_output=True, text=True, timeout=120)
        assert done.returncode == 0 and said in done.stdout, done.stderr


@pytest.mark.parametrize(("env", "said"), [
    ({"PORT": "0"}, "PORT: Input should be greater than or equal to 1"),
    ({"REVIEW_GRADE": "notjson"}, "REVIEW_GRADE: not valid JSON"),
    ({"MONGODB_URI": "mongodb://127.0.0.1:1/?serverSelectionTimeoutMS=300"}, "the database cannot be used"),
])
@pytest.mark.parametrize("command", [["backend", "recount-search"], ["backend.lists", "publish"]])
def test_an_operators_mistake_is_a_sentence_not_a_traceback(tmp_path, env, said, command):
    done = subprocess.run([sys.executable, "-m", *command], capture_output=True, text=True, timeout=120,
                          env=os.environ | {"MINGLIANG_DATA_DIR": str(tmp_path)} | env, check=False)
    assert done.returncode != 0 and said in done.stderr and "Traceback" not in done.stderr


@pytest.mark.parametrize(("env", "said"), [
    ({"NOTICE_SENDER": "mycity.nowhere:sender"}, "NOTICE_SENDER=mycity.nowhere:sender: cannot import"),
    ({"DETECTOR": "json:no_such_factory"}, "DETECTOR=json:no_such_factory: json has no factory"),
])
def test_a_plug_in_that_is_not_there_stops_the_worker_at_its_start(tmp_path, env, said):
    """It was found at the first notice or camera frame, hours later, in a log."""
    done = subprocess.run([sys.executable, "-m", "backend", "worker"], capture_output=True, text=True,
                          timeout=120, env=os.environ | {"MINGLIANG_DATA_DIR": str(tmp_path)} | env,
                          check=False)
    assert done.returncode != 0 and said in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "db").exists()   # stopped before any database was started

