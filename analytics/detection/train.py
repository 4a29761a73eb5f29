"""Training of the small kitchen detector on synthetic scenes or a labelled set (COCO / YOLO / VOC)."""

from __future__ import annotations

import hashlib
import math
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import numpy as np
import torch

from analytics.detection.classes import CLASS_INDEX, CLASSES
from analytics.detection.model import STRIDE, KitchenNet, letterbox, to_tensor
from analytics.detection.synthetic import SimulatedKitchen

Sample = tuple[np.ndarray, list[dict]]  # RGB image and [{"class", "box"}]
INPUT = 320  # what the detector sees at run time
TRAIN_INPUT = 256  # training letterboxes smaller: cheaper steps, and a scale jitter the network must absorb
TRAIN_SEEDS = range(0, 100_000)  # synthetic training cameras: seeds below 100,000 ...
HELD_OUT_SEED = 1_000_000  # ... held-out cameras start here, never seen in training


def synthetic_samples(seed: int = 0) -> Iterator[Sample]:
    """Endless synthetic frames: a new camera (room, people, sizes) and a random moment each time."""
    rng = np.random.default_rng(seed)
    while True:
        width, height = [(320, 240), (384, 216), (320, 256)][int(rng.integers(0, 3))]
        cam = SimulatedKitchen(
            seed=int(rng.integers(TRAIN_SEEDS.start, TRAIN_SEEDS.stop)),
            width=width,
            height=height,
            people=int(rng.integers(1, 5)),
            noise=float(rng.uniform(1, 8)),
        )
        yield cam.frame(float(rng.uniform(0, 600)))


def targets(objects: list[dict], scale: float, px: float, py: float, size: int) -> dict[str, np.ndarray]:
    """Heatmaps with an elliptical Gaussian at each box centre, plus that class's log-size and offset
    there (per class: a person and their work clothes share a centre but not a size)."""
    g = size // STRIDE
    heat = np.zeros((len(CLASSES), g, g), np.float32)
    sizes = np.zeros((2 * len(CLASSES), g, g), np.float32)
    offsets = np.zeros((2 * len(CLASSES), g, g), np.float32)
    weight = np.zeros((len(CLASSES), g, g), np.float32)
    ys, xs = np.mgrid[0:g, 0:g].astype(np.float32)
    for obj in sorted(objects, key=lambda o: -_area(o["box"])):  # small boxes win a shared cell
        if obj["class"] not in CLASS_INDEX:
            continue
        x1, y1, x2, y2 = (v * scale for v in obj["box"])
        x1, x2, y1, y2 = x1 + px, x2 + px, y1 + py, y2 + py
        bw, bh = max(x2 - x1, 1.0), max(y2 - y1, 1.0)
        cx, cy = (x1 + x2) / 2 / STRIDE, (y1 + y2) / 2 / STRIDE
        ix, iy = min(int(cx), g - 1), min(int(cy), g - 1)
        sx, sy = max(bw / STRIDE / 6, 0.6), max(bh / STRIDE / 6, 0.6)
        blob = np.exp(-((xs - ix) ** 2 / (2 * sx * sx) + (ys - iy) ** 2 / (2 * sy * sy)))
        c = CLASS_INDEX[obj["class"]]
        np.maximum(heat[c], blob, out=heat[c])
        sizes[2 * c : 2 * c + 2, iy, ix] = (math.log(bw / STRIDE), math.log(bh / STRIDE))
        offsets[2 * c : 2 * c + 2, iy, ix] = (cx - ix, cy - iy)
        weight[c, iy, ix] = 1.0
    return {"heat": heat, "sizes": sizes, "offsets": offsets, "weight": weight}


def _area(box: list[float]) -> float:
    return (box[2] - box[0]) * (box[3] - box[1])


def prepare(sample: Sample, size: int, rng: np.random.Generator) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    image, objects = sample
    if rng.random() < 0.5:  # mirror: kitchens have no handedness
        w = image.shape[1]
        image = image[:, ::-1]
        objects = [
            {"class": o["class"], "box": [w - o["box"][2], o["box"][1], w - o["box"][0], o["box"][3]]}
            for o in objects
        ]
    boxed, scale, px, py = letterbox(np.ascontiguousarray(image), size)
    return boxed, targets(objects, scale, px, py, size)


def loss(
    outputs: tuple[torch.Tensor, torch.Tensor, torch.Tensor], batch: dict[str, torch.Tensor]
) -> torch.Tensor:
    heat, size, offset = outputs
    p = torch.sigmoid(heat).clamp(1e-4, 1 - 1e-4)
    gt = batch["heat"]
    positive = gt.eq(1).float()
    pos = -(torch.log(p) * (1 - p) ** 2 * positive).sum()
    neg = -(torch.log(1 - p) * p**2 * (1 - gt) ** 4 * (1 - positive)).sum()
    n = positive.sum().clamp(min=1)
    weight = batch["weight"].repeat_interleave(2, dim=1)
    error = torch.abs(size - batch["sizes"]) + torch.abs(offset - batch["offsets"])
    box = (error * weight).sum() / weight.sum().clamp(min=1)
    return (pos + neg) / n + box


def fit(
    samples: Callable[[], Iterator[Sample]],
    out: Path,
    *,
    steps: int,
    batch_size: int = 12,
    size: int = TRAIN_INPUT,
    seed: int = 0,
    checkpoint_every: int = 50,
    width: int = 24,
    log: Callable[[str], None] = lambda line: print(line, flush=True),
) -> dict:
    """Train from scratch, deterministically for a given seed and thread count; save weights to `out`."""
    torch.manual_seed(seed)
    rng = np.random.default_rng(seed)
    model = KitchenNet(width=width)
    optimiser = torch.optim.AdamW(model.parameters(), lr=3e-3, weight_decay=1e-4)
    # the rate depends on the step alone, not on `steps`: a run stopped at step N holds exactly the
    # weights of a run asked for N steps, so a checkpoint can be shipped and still be rebuilt
    schedule = torch.optim.lr_scheduler.LambdaLR(optimiser, learning_rate)
    stream = samples()
    model.train()
    started = time.monotonic()
    for step in range(steps):
        prepared = [prepare(next(stream), size, rng) for _ in range(batch_size)]
        batch = {
            k: torch.from_numpy(np.stack([t[k] for _, t in prepared]))
            for k in ("heat", "sizes", "offsets", "weight")
        }
        value = loss(model(to_tensor([img for img, _ in prepared])), batch)
        optimiser.zero_grad()
        value.backward()
        optimiser.step()
        schedule.step()
        if step % 50 == 0 or step == steps - 1:
            log(f"step {step + 1}/{steps} loss {value.item():.3f} {time.monotonic() - started:.0f}s")
        if checkpoint_every and (step + 1) % checkpoint_every == 0:
            _save(model, out.with_name(f"{out.stem}.step{step + 1}.partial.pt"), width)
    model.eval()
    _save(model, out, width)
    digest = hashlib.sha256(out.read_bytes()).hexdigest()
    log(f"saved {out} ({out.stat().st_size / 1e6:.1f} MB) sha256 {digest}")
    return {"path": str(out), "sha256": digest, "steps": steps}


def learning_rate(step: int) -> float:
    """Warm up over 50 steps, then a cosine decay over a fixed 1,500-step horizon to a 5 % floor."""
    if step < 50:
        return (step + 1) / 50
    return 0.05 + 0.95 * 0.5 * (1 + math.cos(math.pi * min(step / 1500, 1.0)))


def _save(model: KitchenNet, path: Path, width: int) -> None:
    """Weights only, on CPU and contiguous, so the same training gives the same bytes."""
    path.parent.mkdir(parents=True, exist_ok=True)
    state = {k: v.detach().contiguous().clone() for k, v in model.state_dict().items()}
    torch.save({"classes": list(CLASSES), "input": INPUT, "width": width, "state": state}, path)
