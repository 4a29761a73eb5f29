"""Benchmark: kitchen detection throughput per CPU core (torch and ONNX backends, 320/640 px, batch 1/8),
and frame-to-alert latency for N simulated 1-fps streams.

Usage: .venv/bin/python bench/detection.py [--seconds 3] [--streams 4 8 16] [--json OUT]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
import time
import warnings
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402
import torch  # noqa: E402

from analytics.detection import load  # noqa: E402
from analytics.detection.alerts import CameraState, step  # noqa: E402
from analytics.detection.model import decode, letterbox  # noqa: E402
from analytics.detection.synthetic import SimulatedKitchen  # noqa: E402


def frames(n: int) -> list[np.ndarray]:
    return [SimulatedKitchen(seed=2_000_000 + i).frame(2.5 + i)[0] for i in range(n)]


def rate(run, batch: int, seconds: float) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    """(frames per CPU-second of this process, frames per wall-clock second), one thread.

    On a shared machine the wall clock counts time other jobs held the core; CPU time does not,
    so frames per CPU-second is the per-core figure, and the wall figure is its lower bound."""
    run()  # warm-up
    done, wall, cpu = 0, time.perf_counter(), time.process_time()
    while time.perf_counter() - wall < seconds:
        run()
        done += batch
    return done / (time.process_time() - cpu), done / (time.perf_counter() - wall)


def onnx_session(net: torch.nn.Module, size: int, path: Path):  # type: ignore[no-untyped-def]
    import onnxruntime

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        torch.onnx.export(
            net,
            (torch.zeros(1, 3, size, size),),
            str(path),
            dynamo=False,
            input_names=["x"],
            dynamic_axes={"x": {0: "b", 2: "h", 3: "w"}},
        )
    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = options.inter_op_num_threads = 1
    return onnxruntime.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])


def row(backend: str, size: int, batch: int, cpu: float, wall: float) -> dict:
    return {
        "backend": backend,
        "input": size,
        "batch": batch,
        "frames_per_cpu_s": round(cpu, 1),
        "frames_per_wall_s": round(wall, 1),
    }


def throughput(seconds: float, sample: list[np.ndarray]) -> list[dict]:
    torch.set_num_threads(1)
    detector = load("kitchen-synthetic")
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        session = onnx_session(detector.model, 320, Path(tmp) / "kitchen.onnx")  # type: ignore[attr-defined]
        for size in (320, 640):
            detector.size = size  # type: ignore[attr-defined]
            for batch in (1, 8):
                chunk = sample[:batch]
                cpu, wall = rate(lambda chunk=chunk: detector.detect(chunk), batch, seconds)
                rows.append(row("torch", size, batch, cpu, wall))

                def via_onnx(chunk=chunk, size=size):  # type: ignore[no-untyped-def]
                    boxed = np.stack([letterbox(f, size)[0] for f in chunk])
                    x = boxed.transpose(0, 3, 1, 2).astype(np.float32) / 255.0 - 0.5
                    heat, wh, off = session.run(None, {"x": x})
                    decode(torch.from_numpy(heat), torch.from_numpy(wh), torch.from_numpy(off), 0.35)

                cpu, wall = rate(via_onnx, batch, seconds)
                rows.append(row("onnx", size, batch, cpu, wall))
                print(rows[-2], rows[-1], flush=True)
    full = load("kitchen", stream=True)  # as the camera worker loads it
    cpu, wall = rate(lambda: full.detect(sample[:1]), 1, seconds)
    rows.append(row("kitchen: torch 320 + faces on the 640x480 frame", 320, 1, cpu, wall))
    print(rows[-1], flush=True)
    return rows


def streams(counts: list[int], name: str, seconds: float) -> list[dict]:
    """N cameras at 1 fps, one batched detect per sampled second: latency from a frame's arrival to its
    alerts, and how many 1-fps streams two cores sustain at the measured CPU cost per frame."""
    torch.set_num_threads(1)
    detector = load(name, stream=True)  # as the camera worker loads it
    rows = []
    for n in counts:
        cams = [SimulatedKitchen(seed=3_000_000 + i) for i in range(n)]
        states = [CameraState() for _ in cams]
        latencies, alerts, t, cpu = [], 0, 0.0, 0.0
        started = time.perf_counter()
        while time.perf_counter() - started < seconds or t < 3:
            batch = [cam.frame(t)[0] for cam in cams]  # decoding stands in for a camera's frame arriving
            arrived, cpu_start = time.perf_counter(), time.process_time()
            results = detector.detect(batch)
            for i, found in enumerate(results):
                states[i], raised = step(states[i], found, time=t, width=640, height=480)
                alerts += len(raised)
            latencies.append(time.perf_counter() - arrived)
            cpu += time.process_time() - cpu_start
            t += 1.0
        p50, worst = float(np.median(latencies)), float(np.max(latencies))
        cpu_per_frame = cpu / (n * len(latencies))
        rows.append(
            {
                "detector": name,
                "streams": n,
                "latency_p50_s": round(p50, 3),
                "latency_max_s": round(worst, 3),
                "cpu_ms_per_frame": round(cpu_per_frame * 1000, 1),
                "streams_at_1fps_on_2_cores": int(2 / cpu_per_frame),
                "alerts": alerts,
            }
        )
        print(rows[-1], flush=True)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=3.0)
    parser.add_argument("--streams", type=int, nargs="+", default=[4, 8, 16])
    parser.add_argument("--json")
    args = parser.parse_args()
    sample = frames(8)
    report = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": platform.platform(),
        "cpus": os.cpu_count(),
        "torch": torch.__version__,
        "load_average": os.getloadavg(),
        "throughput": throughput(args.seconds, sample),
        "streams": streams(args.streams, "kitchen-synthetic", args.seconds)
        + streams(args.streams[:1], "kitchen", args.seconds),
    }
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=1))
    print(json.dumps(report))


if __name__ == "__main__":
    main()
