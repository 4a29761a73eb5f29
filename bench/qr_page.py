"""Benchmark: serving the QR page (/b/<code>) against a bare FastAPI endpoint reading the same document.

Both run in the same server process(es), in the same run, under the same load: the figure that
matters is the ratio of requests/s (target ≥ 0.5). Usage: .venv/bin/python bench/qr_page.py
[--seconds 10] [--workers 2] [--businesses N]; the database is MINGLIANG_DATA_DIR /
MINGLIANG_DB_NAME (seeded with --businesses when empty; the first N businesses are requested).
"""

import argparse
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from http.client import HTTPConnection
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def bench_app():  # type: ignore[no-untyped-def]
    """The real site plus one bare route that reads the same profile document and returns it."""
    from fastapi.responses import Response
    from fastapi.routing import APIRoute

    from backend.database import get_db
    from portal.server import create_app

    app = create_app()

    def bare(code: str) -> Response:
        profile = get_db().public_profiles.find_one({"_id": code})
        return Response(json.dumps(profile, default=str, ensure_ascii=False),
                        media_type="application/json")

    app.router.routes.insert(0, APIRoute("/bench/bare/{code}", bare, methods=["GET"]))
    return app


def _load(port: int, paths: list[str], seconds: float, concurrency: int) -> dict[str, float]:
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    deadline = time.perf_counter() + seconds

    def client(seed: int) -> None:
        nonlocal errors
        rng, mine = random.Random(seed), []
        connection = HTTPConnection("127.0.0.1", port, timeout=30)
        connection.connect()
        connection.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        while time.perf_counter() < deadline:
            start = time.perf_counter()
            connection.request("GET", rng.choice(paths), headers={"Accept-Encoding": "gzip"})
            response = connection.getresponse()
            response.read()
            mine.append(time.perf_counter() - start)
            if response.status != 200:
                with lock:
                    errors += 1
        with lock:
            latencies.extend(mine)

    started = time.perf_counter()
    threads = [threading.Thread(target=client, args=(i,)) for i in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    latencies.sort()
    return {"requests": len(latencies), "errors": errors, "rps": len(latencies) / elapsed,
            "p50_ms": 1000 * statistics.median(latencies),
            "p99_ms": 1000 * latencies[int(0.99 * (len(latencies) - 1))]}


def _merge(parts: list[dict]) -> dict[str, float]:
    """Rounds of one target as one figure: total requests over total time, median of p50/p99."""
    seconds = sum(part["requests"] / part["rps"] for part in parts)
    requests = sum(part["requests"] for part in parts)
    return {"requests": requests, "errors": sum(part["errors"] for part in parts),
            "rps": requests / seconds, "p50_ms": statistics.median(p["p50_ms"] for p in parts),
            "p99_ms": statistics.median(p["p99_ms"] for p in parts)}


def _wait_until_up(port: int, timeout_s: float = 60) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        try:
            connection = HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/api/openapi.json")
            if connection.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.3)
    raise SystemExit("the server did not start")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--businesses", type=int, default=300)
    parser.add_argument("--seconds", type=float, default=30, help="per target, over all rounds")
    parser.add_argument("--rounds", type=int, default=6)
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--workers", type=int, default=1,
                        help="web processes serving both targets (as `serve` with WEB_CONCURRENCY)")
    parser.add_argument("--plain-uvicorn", action="store_true",
                        help="start the server with `uvicorn --workers` itself, i.e. without "
                             "backend.web_server's TCP_NODELAY fix (for comparison)")
    args = parser.parse_args()
    os.environ.setdefault("MINGLIANG_DATA_DIR", tempfile.mkdtemp(prefix="mingliang-bench-"))
    os.environ.setdefault("MINGLIANG_DB_NAME", "bench")

    from backend import database, indexes
    from backend.qr.signature import sign
    from backend.seed import demo

    db = database.get_db()
    indexes.create_all(db)
    if demo.is_empty(db):
        demo.seed(db, businesses=args.businesses)
    codes = [row["code"] for row in db.businesses.find({}, {"code": 1}).limit(args.businesses)]
    env = os.environ | {"MONGODB_URI": database.uri()}  # the server shares our database
    if args.plain_uvicorn:
        command = ["-m", "uvicorn", "bench.qr_page:bench_app", "--factory", "--port",
                   str(args.port), "--log-level", "warning", "--workers", str(args.workers)]
    else:  # how `python -m backend serve` starts its web processes
        command = ["-c", "from backend.web_server import run; run('bench.qr_page:bench_app', "
                   f"factory=True, host='127.0.0.1', port={args.port}, workers={args.workers}, "
                   "log_level='warning')"]
    server = subprocess.Popen([sys.executable, *command], cwd=ROOT, env=env)
    try:
        _wait_until_up(args.port)
        targets = {"bare FastAPI endpoint": [f"/bench/bare/{c}" for c in codes],
                   "QR page /b/<code>": [f"/b/{c}?s={sign(c)}" for c in codes]}
        for paths in targets.values():  # warm both: imports, caches, connections
            _load(args.port, paths, 2, args.concurrency)
        # Alternate short rounds so that drift on a shared machine hits both targets alike.
        rounds = {name: [] for name in targets}
        for _ in range(args.rounds):
            for name, paths in targets.items():
                rounds[name].append(_load(args.port, paths, args.seconds / args.rounds,
                                          args.concurrency))
        results = {name: _merge(parts) for name, parts in rounds.items()}
    finally:
        server.terminate()
        server.wait()
        database.close()
    for name, figures in results.items():
        print(f"{name:24s} {figures['rps']:8.1f} req/s  p50 {figures['p50_ms']:6.1f} ms  "
              f"p99 {figures['p99_ms']:6.1f} ms  ({figures['requests']} requests, "
              f"{figures['errors']} errors)")
    bare, page = results.values()
    print(f"ratio QR page / bare: {page['rps'] / bare['rps']:.2f} (target ≥ 0.5), "
          f"{args.workers} web process(es){' (plain uvicorn)' if args.plain_uvicorn else ''}, "
          f"{len(codes)} codes")


if __name__ == "__main__":
    main()
