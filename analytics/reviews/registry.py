"""The one place shipped review models are found, hash-checked and loaded (each once per process)."""

import hashlib
import json
from functools import lru_cache
from pathlib import Path

import torch

from analytics.reviews.model import ReviewNet
from analytics.reviews.scorer import TextNet
from analytics.reviews.senta import SentaNet

WEIGHTS_DIR = Path(__file__).resolve().parent / "weights"
MANIFEST = WEIGHTS_DIR / "models.json"
BAG, SENTA = "review-bag", "senta"   # our trained network; Baidu's pretrained one
DEFAULT_MODEL = "review-bag+senta"   # the two, their logits averaged


class WeightsError(RuntimeError):
    """A shipped weight file is missing, unknown, or not the file its manifest names by SHA-256."""


def manifest(path: Path = MANIFEST) -> dict[str, dict]:
    """Model name → {"version", "file", "sha256", "kind", "config"} for a network, or {"version",
    "members", "clause_members"} for networks scored together, as written by training."""
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


def load_net(name: str = BAG, weights_dir: Path = WEIGHTS_DIR) -> tuple[TextNet, dict]:
    """One network, ready to score, and its manifest entry; refuses weights whose SHA-256 does not match."""
    entry = _entry(name, weights_dir)
    path = weights_dir / entry["file"]
    if not path.is_file():
        raise WeightsError(f"weights for {name!r} missing: {path} (rebuild with `make train-reviews`)")
    actual = sha256(path)
    if actual != entry["sha256"]:
        raise WeightsError(f"weights for {name!r} fail their SHA-256 check: {path} is {actual}, "
                           f"expected {entry['sha256']}")
    state = torch.load(path, map_location="cpu", weights_only=True)
    if entry.get("kind") == "senta":
        return SentaNet.from_state(state), entry
    net = ReviewNet(**entry["config"])
    net.load_state_dict({key: value.float() for key, value in state.items()})
    return net.eval(), entry


def load_nets(name: str = DEFAULT_MODEL,
              weights_dir: Path = WEIGHTS_DIR) -> tuple[list[TextNet], list[TextNet], dict]:
    """The networks a shipped model scores whole reviews with (its members, or itself), those it
    scores aspect clauses with (its clause members, or the same) and its manifest entry."""
    entry = _entry(name, weights_dir)
    nets = {member: load_net(member, weights_dir)[0] for member in entry.get("members", [name])}
    return list(nets.values()), [nets[member] for member in entry.get("clause_members", nets)], entry


def _entry(name: str, weights_dir: Path) -> dict:
    entries = manifest(weights_dir / "models.json")
    if name not in entries:
        raise WeightsError(f"unknown review model {name!r}; shipped: {sorted(entries)}")
    return entries[name]


@lru_cache(maxsize=4)
def cached_nets(name: str = DEFAULT_MODEL) -> tuple[list[TextNet], list[TextNet], dict]:
    return load_nets(name)
