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


def rate(run, batch: int, seconds: float) -> float:  # type: ignore[no-untyped-def]
    run()  # warm-up
    done, started = 0, time.perf_counter()
    while time.perf_counter() - started < seconds:
        run()
        done += batch
    return done / (time.perf_counter() - started)


def onnx_session(net: torch.nn.Module, size: int, path: Path):  # type: ignore[no-untyped-def]
    import onnxruntime

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        torch.onnx.export(
            net,
            torch.zeros(1, 3, size, size),
            str(path),
            dynamo=False,
            input_names=["x"],
            dynamic_axes={"x": {0: "b", 2: "h", 3: "w"}},
        )
    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = options.inter_op_num_threads = 1
    return onnxruntime.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])


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
                fps = rate(lambda chunk=chunk: detector.detect(chunk), batch, seconds)
                rows.append({"backend": "torch", "input": size, "batch": batch, "frames_per_s_per_core": fps})

                def via_onnx(chunk=chunk, size=size):  # type: ignore[no-untyped-def]
                    boxed = np.stack([letterbox(f, size)[0] for f in chunk])
                    x = boxed.transpose(0, 3, 1, 2).astype(np.float32) / 255.0 - 0.5
                    heat, wh, off = session.run(None, {"x": x})
                    decode(torch.from_numpy(heat), torch.from_numpy(wh), torch.from_numpy(off), 0.35)

                fps = rate(via_onnx, batch, seconds)
                rows.append({"backend": "onnx", "input": size, "batch": batch, "frames_per_s_per_core": fps})
                print(rows[-2], rows[-1], flush=True)
    full = load("kitchen")
    fps = rate(lambda: full.detect(sample[:1]), 1, seconds)
    rows.append(
        {"backend": "torch+faces (default 'kitchen')", "input": 320, "batch": 1, "frames_per_s_per_core": fps}
    )
    print(rows[-1], flush=True)
    return rows


def streams(counts: list[int], name: str, seconds: float) -> list[dict]:
    """N cameras at 1 fps, one batched detect per second on both cores: latency from frame to alert."""
    torch.set_num_threads(2)
    detector = load(name)
    rows = []
    for n in counts:
        cams = [SimulatedKitchen(seed=3_000_000 + i) for i in range(n)]
        states = [CameraState() for _ in cams]
        latencies, alerts, t = [], 0, 0.0
        started = time.perf_counter()
        while time.perf_counter() - started < seconds or t < 3:
            batch = [cam.frame(t)[0] for cam in cams]  # decoding stands in for a camera's frame arriving
            arrived = time.perf_counter()
            results = detector.detect(batch)
            for i, found in enumerate(results):
                states[i], raised = step(states[i], found, time=t, width=640, height=480)
                alerts += len(raised)
            latencies.append(time.perf_counter() - arrived)
            t += 1.0
        p50, worst = float(np.median(latencies)), float(np.max(latencies))
        rows.append(
            {
                "detector": name,
                "streams": n,
                "latency_p50_s": p50,
                "latency_max_s": worst,
                "sustainable_1fps_streams": int(n / p50),
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
