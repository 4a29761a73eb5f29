"""Overlays for the live view and evidence snapshots: boxes with labels, blurred faces, JPEG bytes."""

from __future__ import annotations

import io

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

from analytics.detection.classes import VIOLATIONS

COMPLIANT = (40, 180, 80)
VIOLATION = (220, 40, 40)
FACE_CLASSES = ("mask", "no_mask")


def draw_boxes(frame: np.ndarray, detections: list[dict], *, labels: bool = True) -> np.ndarray:
    """A copy of the frame with each detection's box (red for violations, green otherwise) and label."""
    image = Image.fromarray(frame)
    draw = ImageDraw.Draw(image)
    width = max(2, round(max(frame.shape[:2]) / 320))
    for det in detections:
        x1, y1, x2, y2 = det["box"]
        colour = VIOLATION if det["class"] in VIOLATIONS else COMPLIANT
        draw.rectangle([x1, y1, x2, y2], outline=colour, width=width)
        if labels:
            text = f"{det['class']} {det.get('confidence', 1.0):.2f}"
            left, top, right, bottom = draw.textbbox((x1, y1), text)
            top_y = y1 - (bottom - top) - 4 if y1 - (bottom - top) - 4 >= 0 else y1
            draw.rectangle([x1, top_y, x1 + right - left + 4, top_y + bottom - top + 4], fill=colour)
            draw.text((x1 + 2, top_y + 1), text, fill=(255, 255, 255))
    return np.asarray(image)


def blur_faces(frame: np.ndarray, detections: list[dict], *, strength: float = 0.25) -> np.ndarray:
    """A copy with every face box (mask / no_mask, and heads without hats) blurred beyond recognition."""
    image = Image.fromarray(frame)
    h, w = frame.shape[:2]
    for det in detections:
        if det["class"] not in FACE_CLASSES + ("no_chef_hat",):
            continue
        x1, y1, x2, y2 = (int(round(v)) for v in det["box"])
        x1, y1, x2, y2 = max(x1, 0), max(y1, 0), min(x2, w), min(y2, h)
        if x2 - x1 < 2 or y2 - y1 < 2:
            continue
        region = image.crop((x1, y1, x2, y2))
        radius = max(2.0, strength * max(x2 - x1, y2 - y1))
        image.paste(region.filter(ImageFilter.GaussianBlur(radius)), (x1, y1))
    return np.asarray(image)


def jpeg(frame: np.ndarray, quality: int = 80) -> bytes:
    """JPEG bytes of an RGB frame (for an MJPEG part or a stored snapshot)."""
    buffer = io.BytesIO()
    Image.fromarray(frame).save(buffer, format="JPEG", quality=quality)
    return buffer.getvalue()
