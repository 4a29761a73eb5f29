"""Benchmark: the camera worker on N simulated streams: frame-to-alert latency, and how many 1-fps
streams one machine sustains (the worker's cycle for N streams must fit in one second).

The whole pipeline runs as in `python -m backend worker`: lease renewal per camera, frame read
(the simulated kitchen renders it), one detector batch across the streams, alert rules, evidence
JPEG into GridFS, the live frame (blur, boxes, resize, JPEG) and the camera's state written back.
Cycles run back to back on simulated time, so the figure is throughput, not a sleep.

Usage: .venv/bin/python bench/kitchen_streams.py [--streams 1 4 8 16] [--cycles 12]
       [--detector kitchen | package.module:factory] [--threads 2]
"""

import argparse
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("MINGLIANG_DATA_DIR", tempfile.mkdtemp(prefix="mingliang-bench-"))

START = 1_800_000_000.0


def _setup(db, streams: int) -> None:  # type: ignore[no-untyped-def]
    from backend.businesses import credit_code
    from backend.businesses import service as businesses
    from backend.businesses.schemas import BusinessCreate
    from backend.cameras import service as cameras
    from backend.cameras.schemas import CameraCreate
    from backend.users.schemas import Actor, Role

    admin = Actor(username="bench", role=Role.ADMIN)
    code = credit_code.complete("92440106MA0000099")
    businesses.register(db, actor=admin, data=BusinessCreate(
        code=code, name="基准餐厅", trade="catering", address="天河区1号", district="天河区"))
    for n in range(streams):
        cameras.create(db, actor=admin, data=CameraCreate(
            business_code=code, name=f"cam{n}", location="kitchen", source_url=f"sim://{100 + n}",
            public=True, blur_faces=True))


def run(streams: int, cycles: int) -> dict[str, float]:
    from backend import database, indexes
    from backend.alerts import service as alerts
    from backend.cameras import detector, watch

    db = database.get_db(f"bench_kitchen_{streams}")
    database.get_client().drop_database(db.name)
    indexes.create_all(db)
    _setup(db, streams)
    captured: dict[str, float] = {}
    latencies: list[float] = []
    reading: list[float] = []  # rendering the simulated scene: a real camera's decoder does this
    detecting: list[float] = []
    model = detector.get()
    original_detect = model.detect

    def timed_detect(frames):  # type: ignore[no-untyped-def]
        started = time.perf_counter()
        found = original_detect(frames)
        detecting.append(time.perf_counter() - started)
        return found
    original_open, original_raise = watch.open_source, alerts.raise_detection

    def timed_open(url: str):  # type: ignore[no-untyped-def]
        source = original_open(url)

        class Timed:
            def read(self, t: float):  # type: ignore[no-untyped-def]
                started = time.perf_counter()
                frame = source.read(t)
                captured[url] = time.perf_counter()
                reading.append(captured[url] - started)
                return frame

            def close(self) -> None:
                source.close()

        return Timed()

    def timed_raise(db, *, camera, **fields):  # type: ignore[no-untyped-def]
        alert_id = original_raise(db, camera=camera, **fields)
        latencies.append(time.perf_counter() - captured[camera["source_url"]])
        return alert_id

    watch.open_source, alerts.raise_detection = timed_open, timed_raise
    model.detect = timed_detect  # type: ignore[method-assign]
    try:
        worker = watch.Watcher(holder="bench")
        worker.cycle(db, now=START - 1)  # warm-up: sources opened, model loaded
        times, reading[:], detecting[:], latencies[:] = [], [], [], []
        for index in range(cycles):
            started = time.perf_counter()
            assert worker.cycle(db, now=START + index) == streams
            times.append(time.perf_counter() - started)
    finally:
        watch.open_source, alerts.raise_detection = original_open, original_raise
        model.detect = original_detect  # type: ignore[method-assign]
        database.get_client().drop_database(db.name)
    times.sort()
    frames = streams * cycles
    pipeline = (sum(times) - sum(reading)) / frames  # everything a real camera would also cost
    return {"streams": streams, "cycle_ms_median": 1000 * statistics.median(times),
            "cycle_ms_p95": 1000 * times[min(len(times) - 1, int(0.95 * len(times)))],
            "render_sim_ms_per_frame": 1000 * sum(reading) / frames,
            "detect_ms_per_frame": 1000 * sum(detecting) / frames,
            "ms_per_frame": 1000 * pipeline,
            "alerts": len(latencies),
            "alert_latency_ms_median": 1000 * statistics.median(latencies) if latencies else float("nan"),
            "alert_latency_ms_max": 1000 * max(latencies) if latencies else float("nan")}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--streams", type=int, nargs="+", default=[1, 4, 8, 16])
    parser.add_argument("--cycles", type=int, default=12)
    parser.add_argument("--detector", default="", help="DETECTOR setting (default: the configured one)")
    parser.add_argument("--threads", type=int, default=2, help="torch threads (the machine's cores)")
    args = parser.parse_args()
    if args.detector:
        os.environ["DETECTOR"] = args.detector
    import torch

    from backend import database
    from backend.cameras import detector

    torch.set_num_threads(args.threads)
    model = detector.get()
    print(f"# {datetime.now(UTC):%Y-%m-%d %H:%M} UTC · {platform.processor() or platform.machine()} · "
          f"{os.cpu_count()} CPUs visible, torch threads {args.threads} · "
          f"detector {model.name} {model.version}")
    rows = []
    try:
        for streams in args.streams:
            row = run(streams, args.cycles)
            rows.append(row)
            print(json.dumps({k: round(v, 1) if isinstance(v, float) else v for k, v in row.items()}),
                  flush=True)
    finally:
        database.close()
    best = max(rows, key=lambda row: row["streams"])
    with_sim = best["ms_per_frame"] + best["render_sim_ms_per_frame"]
    print(f"1-fps streams one worker sustains, from {best['streams']} streams: about "
          f"{int(1000 / best['ms_per_frame'])} real cameras ({best['ms_per_frame']:.1f} ms per frame, "
          f"decoding not counted), {int(1000 / with_sim)} simulated ones ({with_sim:.1f} ms per frame)")


if __name__ == "__main__":
    main()
