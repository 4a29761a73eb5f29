"""Soak: a real load generator (locust, headless) at 100 concurrent users over the QR page, the API
and search, for 10 minutes by default, against `python -m backend serve` on a seeded database.
Prints throughput, p50/p99, errors and the server's memory growth (RSS of the server process
tree, sampled every 5 s; growth = last minute's mean over the first minute's after warm-up).
Usage: make soak   or   .venv/bin/python bench/soak.py [--seconds 600] [--users 100]
"""

import argparse
import csv
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _tree_rss_kib(pid: int) -> int:
    """RSS of the server and its children (the embedded database, web processes)."""
    total, pending = 0, [pid]
    while pending:
        current = pending.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            total += next(int(line.split()[1]) for line in status.splitlines()
                          if line.startswith("VmRSS:"))
            children = Path(f"/proc/{current}/task/{current}/children").read_text().split()
        except (OSError, StopIteration):
            continue
        pending += [int(child) for child in children]
    return total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=int, default=600)
    parser.add_argument("--users", type=int, default=100)
    parser.add_argument("--businesses", type=int, default=300)
    args = parser.parse_args()
    port, data, out = _free_port(), tempfile.mkdtemp(prefix="soak-"), ROOT / "bench" / "out"
    out.mkdir(parents=True, exist_ok=True)
    env = {k: v for k, v in os.environ.items() if k != "MONGODB_URI"} | {
        "MINGLIANG_DATA_DIR": data, "PORT": str(port), "DEMO_BUSINESSES": str(args.businesses),
        "READ_RATE_LIMIT": "0"}   # every simulated user reads from this one address
    server = subprocess.Popen([sys.executable, "-m", "backend", "serve", "--no-worker"], cwd=ROOT,
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    samples: list[tuple[float, int]] = []
    stop = threading.Event()
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(600):
            try:
                urllib.request.urlopen(f"{base}/api/v1/businesses?pageSize=1", timeout=5)
                break
            except OSError:
                time.sleep(1)
        started = time.monotonic()

        def sample() -> None:
            while not stop.wait(5):
                samples.append((time.monotonic() - started, _tree_rss_kib(server.pid)))

        threading.Thread(target=sample, daemon=True).start()
        subprocess.run([sys.executable, "-m", "locust", "-f", str(ROOT / "bench" / "locustfile.py"),
                        "--headless", "-u", str(args.users), "-r", "20", "-t", f"{args.seconds}s",
                        "--host", base, "--csv", str(out / "soak"), "--only-summary"],
                       check=False, cwd=ROOT)
    finally:
        stop.set()
        server.terminate()
        server.wait(timeout=60)
    _report(out / "soak_stats.csv", samples, args)


def _report(stats: Path, samples: list[tuple[float, int]], args: argparse.Namespace) -> None:
    rows = {row["Name"]: row for row in csv.DictReader(stats.open())}
    total = rows["Aggregated"]
    print(f"\nsoak: {args.users} users, {args.seconds} s")
    for name, row in rows.items():
        if name in ("setup",):
            continue
        print(f"  {name:32s} {float(row['Requests/s']):7.1f} req/s  p50 {row['50%']:>5} ms  "
              f"p99 {row['99%']:>5} ms  errors {row['Failure Count']}/{row['Request Count']}")
    warm = [rss for at, rss in samples if 60 <= at < 120] or [rss for _, rss in samples[:12]]
    last = [rss for at, rss in samples if at >= samples[-1][0] - 60] if samples else []
    if warm and last:
        first_mean, last_mean = sum(warm) / len(warm), sum(last) / len(last)
        print(f"  server RSS {first_mean / 1024:.0f} MiB after warm-up → {last_mean / 1024:.0f} MiB "
              f"at the end: {100 * (last_mean / first_mean - 1):+.1f} %")
    print(f"  total: {float(total['Requests/s']):.1f} req/s, "
          f"errors {total['Failure Count']} of {total['Request Count']}")


if __name__ == "__main__":
    main()
