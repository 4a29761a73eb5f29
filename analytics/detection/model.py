"""The small kitchen detector: a CenterNet-style network (class heatmaps + box sizes at stride 4)."""

from __future__ import annotations

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

from analytics.detection.classes import CLASSES

STRIDE = 4


def _conv(cin: int, cout: int, stride: int = 1) -> nn.Sequential:
    return nn.Sequential(
        nn.Conv2d(cin, cout, 3, stride, 1, bias=False), nn.BatchNorm2d(cout), nn.ReLU(inplace=True)
    )


def _separable(cin: int, cout: int, stride: int = 1) -> nn.Sequential:
    return nn.Sequential(
        nn.Conv2d(cin, cin, 3, stride, 1, groups=cin, bias=False),
        nn.BatchNorm2d(cin),
        nn.ReLU(inplace=True),
        nn.Conv2d(cin, cout, 1, bias=False),
        nn.BatchNorm2d(cout),
        nn.ReLU(inplace=True),
    )


class KitchenNet(nn.Module):
    """Backbone to stride 32, top-down merge back to stride 4, then per-class heatmaps, sizes, offsets."""

    def __init__(self, num_classes: int = len(CLASSES), width: int = 24) -> None:
        super().__init__()
        self.num_classes = num_classes
        w = width
        self.stem = nn.Sequential(_conv(3, w // 2, 2), _conv(w // 2, w, 2))  # /4
        self.s8 = nn.Sequential(_separable(w, 2 * w, 2), _separable(2 * w, 2 * w))  # /8
        self.s16 = nn.Sequential(_separable(2 * w, 3 * w, 2), _separable(3 * w, 3 * w))  # /16
        self.s32 = nn.Sequential(_separable(3 * w, 4 * w, 2), _separable(4 * w, 4 * w))  # /32
        self.lat16, self.lat8, self.lat4 = (
            nn.Conv2d(3 * w, w * 2, 1),
            nn.Conv2d(2 * w, w * 2, 1),
            nn.Conv2d(w, w * 2, 1),
        )
        self.top = nn.Conv2d(4 * w, w * 2, 1)
        self.merge = _separable(w * 2, w * 2)
        self.heat = nn.Conv2d(w * 2, num_classes, 1)
        self.size = nn.Conv2d(w * 2, 2 * num_classes, 1)  # per class: centres coincide, sizes do not
        self.offset = nn.Conv2d(w * 2, 2 * num_classes, 1)
        nn.init.constant_(self.heat.bias, -2.19)  # type: ignore[arg-type]  # prior of 0.1 keeps the first focal-loss steps stable

    def forward(self, x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
        c4 = self.stem(x)
        c8 = self.s8(c4)
        c16 = self.s16(c8)
        c32 = self.s32(c16)
        p = self.top(c32)
        p = F.interpolate(p, size=c16.shape[-2:], mode="nearest") + self.lat16(c16)
        p = F.interpolate(p, size=c8.shape[-2:], mode="nearest") + self.lat8(c8)
        p = F.interpolate(p, size=c4.shape[-2:], mode="nearest") + self.lat4(c4)
        p = self.merge(p)
        return self.heat(p), self.size(p), self.offset(p)


def letterbox(frame: np.ndarray, size: int) -> tuple[np.ndarray, float, float, float]:
    """Fit a frame into a size×size square (grey borders); returns (image, scale, pad_x, pad_y)."""
    import cv2

    h, w = frame.shape[:2]
    scale = size / max(h, w)
    nw, nh = max(round(w * scale), 1), max(round(h * scale), 1)
    resized = cv2.resize(frame, (nw, nh), interpolation=cv2.INTER_AREA if scale < 1 else cv2.INTER_LINEAR)
    canvas = np.full((size, size, 3), 114, dtype=np.uint8)
    px, py = (size - nw) // 2, (size - nh) // 2
    canvas[py : py + nh, px : px + nw] = resized
    return canvas, scale, float(px), float(py)


def to_tensor(images: list[np.ndarray]) -> torch.Tensor:
    batch = torch.from_numpy(np.stack(images)).permute(0, 3, 1, 2).float()
    return batch / 255.0 - 0.5


def decode(
    heat: torch.Tensor, size: torch.Tensor, offset: torch.Tensor, threshold: float, top_k: int = 100
) -> list[list[tuple[int, float, float, float, float, float]]]:
    """Peaks of each class heatmap → (class, score, x1, y1, x2, y2) in network-input pixels."""
    scores = torch.sigmoid(heat)
    peaks = scores * (F.max_pool2d(scores, 3, 1, 1) == scores)
    batch, classes, h, w = peaks.shape
    values, index = peaks.reshape(batch, -1).topk(min(top_k, classes * h * w))
    out = []
    for b in range(batch):
        keep = values[b] >= threshold
        idx = index[b][keep]
        cls, pos = idx // (h * w), idx % (h * w)
        ys, xs = (pos // w), (pos % w)
        sw, sh = size[b, 2 * cls, ys, xs], size[b, 2 * cls + 1, ys, xs]
        cx = (xs.float() + offset[b, 2 * cls, ys, xs]) * STRIDE
        cy = (ys.float() + offset[b, 2 * cls + 1, ys, xs]) * STRIDE
        bw, bh = sw.exp() * STRIDE, sh.exp() * STRIDE
        rows = torch.stack(
            [cls.float(), values[b][keep], cx - bw / 2, cy - bh / 2, cx + bw / 2, cy + bh / 2], 1
        )
        out.append(
            [
                (int(r[0]), float(r[1]), float(r[2]), float(r[3]), float(r[4]), float(r[5]))
                for r in rows.tolist()
            ]
        )
    return out
