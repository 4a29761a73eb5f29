"""Detector backends: our torch network, a user-brought YOLO-style ONNX model, and box helpers."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path
from typing import Protocol

import numpy as np
import torch

from analytics.detection.classes import CLASSES
from analytics.detection.model import KitchenNet, decode, letterbox, to_tensor


class Detector(Protocol):
    name: str
    version: str
    threshold: float

    def detect(self, frames: list[np.ndarray]) -> list[list[dict]]: ...


def detection(cls: str, confidence: float, box: list[float], width: int, height: int) -> dict:
    x1, y1, x2, y2 = box
    clipped = [
        min(max(x1, 0.0), width),
        min(max(y1, 0.0), height),
        min(max(x2, 0.0), width),
        min(max(y2, 0.0), height),
    ]
    return {"class": cls, "confidence": round(float(confidence), 4), "box": [round(v, 1) for v in clipped]}


def check_frames(frames: list[np.ndarray]) -> None:
    for frame in frames:
        if not (
            isinstance(frame, np.ndarray)
            and frame.ndim == 3
            and frame.shape[2] == 3
            and frame.dtype == np.uint8
        ):
            raise ValueError("each frame must be an H×W×3 uint8 RGB array")


def areas(boxes: np.ndarray) -> np.ndarray:
    """Area of each [x1, y1, x2, y2] box (of one box, given one)."""
    return (boxes[..., 2] - boxes[..., 0]) * (boxes[..., 3] - boxes[..., 1])


def intersections(box: np.ndarray, boxes: np.ndarray) -> np.ndarray:
    """Area `box` shares with each of `boxes` (N×4 or wider)."""
    ix = np.clip(np.minimum(box[2], boxes[:, 2]) - np.maximum(box[0], boxes[:, 0]), 0, None)
    iy = np.clip(np.minimum(box[3], boxes[:, 3]) - np.maximum(box[1], boxes[:, 1]), 0, None)
    return ix * iy


def nms(boxes: np.ndarray, scores: np.ndarray, threshold: float) -> list[int]:
    """Greedy non-maximum suppression; returns the kept indices, best first."""
    order = list(np.argsort(-scores))
    keep: list[int] = []
    while order:
        i = order.pop(0)
        keep.append(int(i))
        if not order:
            break
        rest = boxes[np.array(order)]
        inter = intersections(boxes[i], rest)
        overlap = inter / np.maximum(areas(boxes[i]) + areas(rest) - inter, 1e-9)
        order = [j for j, o in zip(order, overlap, strict=True) if o < threshold]
    return keep


def per_class_nms(dets: list[dict], threshold: float) -> list[dict]:
    """Heatmap peaks of one large object can survive the 3×3 peak filter: keep the best box of each."""
    kept: list[dict] = []
    for cls in dict.fromkeys(d["class"] for d in dets):
        same = [d for d in dets if d["class"] == cls]
        boxes = np.array([d["box"] for d in same], dtype=np.float32)
        scores = np.array([d["confidence"] for d in same], dtype=np.float32)
        kept += [same[i] for i in nms(boxes, scores, threshold)]
    return sorted(kept, key=lambda d: -d["confidence"])


class KitchenDetector:
    """Our CenterNet-style torch network; frames of any size are letterboxed into one batch."""

    def __init__(
        self, model: KitchenNet, *, name: str, version: str, size: int = 320, threshold: float = 0.35
    ) -> None:
        self.model, self.name, self.version = model.eval(), name, version
        self.size, self.threshold = size, threshold

    def detect(self, frames: list[np.ndarray]) -> list[list[dict]]:
        check_frames(frames)
        if not frames:
            return []
        boxed = [letterbox(f, self.size) for f in frames]
        with torch.inference_mode():
            heat, size, offset = self.model(to_tensor([b[0] for b in boxed]))
        peaks = decode(heat, size, offset, self.threshold)
        out = []
        for frame, (_, scale, px, py), found in zip(frames, boxed, peaks, strict=True):
            h, w = frame.shape[:2]
            dets = [
                detection(
                    CLASSES[c],
                    s,
                    [(x1 - px) / scale, (y1 - py) / scale, (x2 - px) / scale, (y2 - py) / scale],
                    w,
                    h,
                )
                for c, s, x1, y1, x2, y2 in found
            ]
            out.append(per_class_nms(dets, 0.5))
        return out


class OnnxDetector:
    """A YOLO-style ONNX model (YOLOv5 rows [cx, cy, w, h, obj, classes…] or YOLOv8 columns
    [cx, cy, w, h, classes…]) whose class indices a config file maps onto ours."""

    def __init__(self, path: str | Path, config: str | Path | dict) -> None:
        import onnxruntime

        settings = config if isinstance(config, dict) else read_config(Path(config))
        self.name = str(settings.get("name", Path(path).stem))
        self.version = str(settings.get("version", "1"))
        self.size = int(settings.get("input_size", 640))
        self.layout = settings.get("layout", "yolov5")
        self.threshold = float(settings.get("confidence", 0.35))
        self.iou = float(settings.get("iou", 0.5))
        self.mapping = _class_mapping(settings.get("classes"))
        options = onnxruntime.SessionOptions()
        options.log_severity_level = 3
        self.session = onnxruntime.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
        self.input = self.session.get_inputs()[0].name

    def detect(self, frames: list[np.ndarray]) -> list[list[dict]]:
        check_frames(frames)
        if not frames:
            return []
        boxed = [letterbox(f, self.size) for f in frames]
        blob = np.stack([b[0] for b in boxed]).transpose(0, 3, 1, 2).astype(np.float32) / 255.0
        raw = self.session.run(None, {self.input: blob})[0]
        return [
            self._decode(rows, frame, scale, px, py)
            for rows, frame, (_, scale, px, py) in zip(raw, frames, boxed, strict=True)
        ]

    def _decode(self, rows: np.ndarray, frame: np.ndarray, scale: float, px: float, py: float) -> list[dict]:
        if self.layout == "yolov8":
            rows = rows.T
            scores = rows[:, 4:]
        elif self.layout == "yolov5":
            scores = rows[:, 5:] * rows[:, 4:5]
        else:
            raise ValueError(f"unknown layout {self.layout!r}: use yolov5 or yolov8")
        cls = scores.argmax(1)
        conf = scores[np.arange(len(rows)), cls]
        keep = (conf >= self.threshold) & np.isin(cls, list(self.mapping))
        rows, cls, conf = rows[keep], cls[keep], conf[keep]
        xyxy = np.stack(
            [
                rows[:, 0] - rows[:, 2] / 2,
                rows[:, 1] - rows[:, 3] / 2,
                rows[:, 0] + rows[:, 2] / 2,
                rows[:, 1] + rows[:, 3] / 2,
            ],
            1,
        )
        xyxy = (xyxy - [px, py, px, py]) / scale
        h, w = frame.shape[:2]
        out = []
        for c in np.unique(cls):
            idx = np.where(cls == c)[0]
            for i in nms(xyxy[idx], conf[idx], self.iou):
                out.append(detection(self.mapping[int(c)], conf[idx][i], xyxy[idx][i].tolist(), w, h))
        return sorted(out, key=lambda d: -d["confidence"])


def read_config(path: Path) -> dict:
    text = path.read_text()
    return tomllib.loads(text) if path.suffix == ".toml" else json.loads(text)


def _class_mapping(classes: object) -> dict[int, str]:
    """{model index: our class}; a list maps by position, null/"" or an unknown name drops that class."""
    if isinstance(classes, list):
        pairs = enumerate(classes)
    elif isinstance(classes, dict):
        pairs = ((int(k), v) for k, v in classes.items())  # type: ignore[assignment]
    else:
        raise ValueError("the config needs 'classes': a list or {index: class} mapping onto our classes")
    mapping = {int(i): str(name) for i, name in pairs if name}
    unknown = sorted(set(mapping.values()) - set(CLASSES))
    if unknown:
        raise ValueError(
            f"unknown class names in config: {', '.join(unknown)}; ours are {', '.join(CLASSES)}"
        )
    return mapping
