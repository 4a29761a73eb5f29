"""The one place shipped review models are found, hash-checked and loaded (each once per process)."""

import hashlib
import json
from functools import lru_cache
from pathlib import Path

import torch

from analytics.reviews.model import ReviewNet

WEIGHTS_DIR = Path(__file__).resolve().parent / "weights"
MANIFEST = WEIGHTS_DIR / "models.json"
DEFAULT_MODEL = "review-bag"


class WeightsError(RuntimeError):
    """A shipped weight file is missing, unknown, or not the file its manifest names by SHA-256."""


def manifest(path: Path = MANIFEST) -> dict[str, dict]:
    """Model name → {"version", "file", "sha256", "config"} as written by training."""
    return json.loads(path.read_text(encoding="utf-8"))


@lru_cache(maxsize=4)
def card(name: str = DEFAULT_MODEL, weights_dir: Path = WEIGHTS_DIR) -> dict:
    """What the public is told about a shipped model, as its training wrote it: name, version,
    the files it was trained on and its held-out figures ({check: {"n", "accuracy", "macro_f1"}}).
    Read once per process (the files ship with the weights); treat the result as read-only."""
    checks = json.loads((weights_dir / f"{name}.checks.json").read_text(encoding="utf-8"))
    return {"name": name, "version": manifest(weights_dir / "models.json")[name]["version"],
            "trained_on": checks["trained_on"], "held_out": checks["held_out"]}


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def load_net(name: str = DEFAULT_MODEL, weights_dir: Path = WEIGHTS_DIR) -> tuple[ReviewNet, dict]:
    """The network in eval mode and its manifest entry; refuses weights whose SHA-256 does not match."""
    entries = manifest(weights_dir / "models.json")
    if name not in entries:
        raise WeightsError(f"unknown review model {name!r}; shipped: {sorted(entries)}")
    entry = entries[name]
    path = weights_dir / entry["file"]
    if not path.is_file():
        raise WeightsError(f"weights for {name!r} missing: {path} (rebuild with `make train-reviews`)")
    actual = sha256(path)
    if actual != entry["sha256"]:
        raise WeightsError(f"weights for {name!r} fail their SHA-256 check: {path} is {actual}, "
                           f"expected {entry['sha256']}")
    net = ReviewNet(**entry["config"])
    state = torch.load(path, map_location="cpu", weights_only=True)
    net.load_state_dict({key: value.float() for key, value in state.items()})
    return net.eval(), entry


@lru_cache(maxsize=4)
def cached_net(name: str = DEFAULT_MODEL) -> tuple[ReviewNet, dict]:
    return load_net(name)
