"""The MongoDB connection: a real server from MONGODB_URI, or the embedded nx-27017 server we start."""

import atexit
import logging
import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

from pymongo import MongoClient
from pymongo.database import Database
from pymongo.errors import PyMongoError

from backend.config import get_settings

log = logging.getLogger(__name__)
_lock = threading.Lock()
_client: MongoClient | None = None
_server: "EmbeddedServer | None" = None
_uri = ""


PORT_FILE, PID_FILE = "nx-27017.port", "nx-27017.pid"   # in the data folder, for other processes
# The starter's pid, for the server to die with it (see backend.embedded_server._die_with_parent).
STARTER_PID = "MINGLIANG_EMBEDDED_STARTER"


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def running_server(data_dir: Path) -> str | None:
    """The URI of the embedded server another process (`make run`, say) already runs on this data
    folder, if it answers: a command started beside it (`backend.reviews backfill`, a second
    worker) talks to it, since two servers cannot open one folder."""
    try:
        pid = int((data_dir / PID_FILE).read_text().strip())
        port = int((data_dir / PORT_FILE).read_text().strip())
        os.kill(pid, 0)   # alive (a stale file after a crash names a dead process)
    except (OSError, ValueError):
        return None
    uri = f"mongodb://127.0.0.1:{port}/"
    probe: MongoClient = MongoClient(uri, serverSelectionTimeoutMS=1000)
    try:
        probe.admin.command("ping")
    except PyMongoError:
        return None
    finally:
        probe.close()
    return uri


class EmbeddedServer:
    """nx-27017 (MongoDB wire protocol over SQLite) on a free loopback port, one file per database."""

    def __init__(self, data_dir: Path, port: int | None = None) -> None:
        self.data_dir = data_dir
        self.port = port or _free_port()
        self.process: subprocess.Popen[bytes] | None = None
        self._stopping = threading.Event()

    @property
    def uri(self) -> str:
        return f"mongodb://127.0.0.1:{self.port}/"

    def start(self, timeout_s: float = 30.0) -> "EmbeddedServer":
        self.data_dir.mkdir(parents=True, exist_ok=True)
        log_file = open(self.data_dir / "nx-27017.log", "ab")  # noqa: SIM115 - lives with the process
        command = [sys.executable, "-m", "backend.embedded_server",
                   "--data-dir", str(self.data_dir), "--host", "127.0.0.1", "-p", str(self.port),
                   # its own pid file: the default one is shared by every instance on the machine
                   "--pid-file", str(self.data_dir / PID_FILE),
                   "--log-file", str(self.data_dir / "nx-27017.log")]
        # Its own session: a terminal's Ctrl-C goes to the app alone, which stops its worker and
        # then this server in that order, instead of the server dying under a running job.
        self.process = subprocess.Popen(command, stdout=log_file, stderr=subprocess.STDOUT,
                                        stdin=subprocess.DEVNULL, start_new_session=True,
                                        env=os.environ | {STARTER_PID: str(os.getpid())})
        self._wait_for_ping(timeout_s)
        (self.data_dir / PORT_FILE).write_text(str(self.port))   # for other processes on this folder
        log.info("embedded database on %s (data in %s)", self.uri, self.data_dir)
        return self

    def supervise(self, check_every_s: float = 0.5) -> "EmbeddedServer":
        """Restarts the server on the same port if it dies (killed, crashed): SQLite keeps every
        acknowledged write, and the client reconnects by itself, so the web process carries on.
        Popen runs in this long-lived thread, which the death signal of the child is tied to."""
        threading.Thread(target=self.keep_running, args=(check_every_s,),
                         name="embedded-db-supervisor", daemon=True).start()
        return self

    def keep_running(self, check_every_s: float = 0.5) -> None:
        """supervise()'s loop, until stop(); the thread that runs it must have started the server."""
        while not self._stopping.wait(check_every_s):
            if self.process is not None and self.process.poll() is not None:
                log.error("embedded database exited (code %s); restarting it",
                          self.process.returncode)
                try:
                    self.start()
                except RuntimeError:
                    log.exception("embedded database failed to restart; retrying")

    def _wait_for_ping(self, timeout_s: float) -> None:
        """Until this server answers; another one answering on the port (two processes starting
        one at the same moment) means this one lost the folder to it."""
        deadline = time.monotonic() + timeout_s
        probe: MongoClient = MongoClient(self.uri, serverSelectionTimeoutMS=500)
        try:
            while time.monotonic() < deadline:
                if self.process is not None and self.process.poll() is not None:
                    raise Unavailable(f"embedded database exited; see {self.data_dir}/nx-27017.log")
                try:
                    answering = probe.admin.command("serverStatus").get("pid")
                except PyMongoError:
                    time.sleep(0.1)
                    continue
                if self.process is not None and answering == self.process.pid:
                    return
                self._end_process()
                raise Unavailable(f"another embedded database already serves port {self.port}")
        finally:
            probe.close()
        self.stop()
        raise Unavailable(f"embedded database did not answer ping within {timeout_s:.0f}s")

    def stop(self) -> None:
        self._stopping.set()
        if self.process is None or self.process.poll() is not None:
            return
        (self.data_dir / PORT_FILE).unlink(missing_ok=True)
        self._end_process()

    def _end_process(self) -> None:
        assert self.process is not None
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def get_client() -> MongoClient:
    """The one cached client. Without MONGODB_URI: the embedded server another process already
    runs on the data folder, or one this process starts on first use."""
    global _client, _server, _uri
    with _lock:
        if _client is None:
            settings = get_settings()
            uri = settings.mongodb_uri
            if not uri:
                uri = _joined(settings.data_dir / "db") or _start_or_join(settings.data_dir / "db")
            _uri = uri
            # A short selection timeout: during an outage a request fails fast with a clear 503
            # (see backend.api) instead of hanging; the client reconnects on its own.
            _client = MongoClient(uri, tz_aware=False,
                                  serverSelectionTimeoutMS=settings.db_timeout_ms)
        return _client


def _joined(data_dir: Path) -> str | None:
    """The URI of the embedded server another process runs on the folder, if one answers; this
    process then watches it, to serve the folder itself should it go (`_succeed_when_orphaned`)."""
    found = running_server(data_dir)
    if found:
        log.info("using the embedded database another process serves on %s (data in %s)", found, data_dir)
        _succeed_when_orphaned(data_dir, found)
    return found


def _start_or_join(data_dir: Path) -> str:
    """Starts the embedded server on the folder; when another process started one on it at the
    same moment (two commands launched together: the folder's database is taken), joins that one."""
    global _server
    for attempt in range(3):
        try:
            server = EmbeddedServer(data_dir).start()
        except Unavailable:
            for _ in range(50):  # the other's server writes its port once it answers
                if found := _joined(data_dir):
                    return found
                time.sleep(0.1)
            if attempt == 2:
                raise
            continue  # none came up (or the other was done already): the folder is free again
        _server = server.supervise()
        atexit.register(server.stop)
        return server.uri
    raise AssertionError("unreachable")


def _succeed_when_orphaned(data_dir: Path, uri: str, check_every_s: float = 1.0) -> None:
    """A process using the embedded server another process started serves the folder itself when
    that server goes away with its starter (`make run` stopped beside a worker, or a short command
    that happened to start it): it starts one on the same port, so its client reconnects as after
    a restart and the work goes on. Of several such processes, one server wins the folder and the
    others use it. The watching thread then supervises it: the server's death signal is tied to it."""
    port = int(uri.rstrip("/").rsplit(":", 1)[1])

    def serving() -> bool:
        try:
            os.kill(int((data_dir / PID_FILE).read_text().strip()), 0)
            return True
        except (OSError, ValueError):   # no server process: does anything answer on the port?
            with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
                probe.settimeout(1.0)
                return probe.connect_ex(("127.0.0.1", port)) == 0

    def watch() -> None:
        global _server
        while True:
            time.sleep(check_every_s)
            if _client is None:
                return   # closed: this process is done with the database
            if serving():
                continue
            server = EmbeddedServer(data_dir, port=port)
            try:
                server.start()
            except Unavailable:
                continue   # another process's server won the folder, or the port is taken
            log.warning("the process that started the embedded database on %s has ended; this "
                        "process serves it now", uri)
            _server = server
            atexit.register(server.stop)
            server.keep_running()
            return

    threading.Thread(target=watch, name="embedded-db-successor", daemon=True).start()


def uri() -> str:
    """The URI this process talks to: MONGODB_URI's, or the embedded server's it started or found."""
    get_client()
    return _uri


class Unavailable(RuntimeError):
    """The embedded database could not be started or reached."""


def get_db(name: str | None = None) -> Database:
    return get_client()[name or get_settings().db_name]


def close() -> None:
    """Closes the client and stops the embedded server, if we started one."""
    global _client, _server
    with _lock:
        if _client is not None:
            _client.close()
            _client = None
        if _server is not None:
            _server.stop()
            _server = None


def count(collection, query: dict) -> int:  # type: ignore[no-untyped-def]
    """Counts with the `count` command: served from SQLite directly by the embedded server, where
    count_documents' aggregation scans every row; a real MongoDB answers both alike."""
    return int(collection.database.command("count", collection.name, query=query)["n"])
