"""Detection metrics: per-class precision, recall and AP at an IoU threshold, and their mean (mAP)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from analytics.detection.classes import CLASSES


def iou(a: Sequence[float], b: Sequence[float]) -> float:
    ix = max(0.0, min(a[2], b[2]) - max(a[0], b[0]))
    iy = max(0.0, min(a[3], b[3]) - max(a[1], b[1]))
    inter = ix * iy
    union = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter
    return inter / union if union > 0 else 0.0


def average_precision(recall: np.ndarray, precision: np.ndarray) -> float:
    """Area under the precision envelope over all recall points (PASCAL VOC 2010+ / COCO style)."""
    r = np.concatenate([[0.0], recall, [1.0]])
    p = np.concatenate([[0.0], precision, [0.0]])
    p = np.maximum.accumulate(p[::-1])[::-1]
    changes = np.where(r[1:] != r[:-1])[0]
    return float(np.sum((r[changes + 1] - r[changes]) * p[changes + 1]))


def evaluate(
    predictions: Sequence[Sequence[dict]],
    truths: Sequence[Sequence[dict]],
    *,
    iou_threshold: float = 0.5,
    confidence: float = 0.0,
    classes: Sequence[str] = CLASSES,
) -> dict:
    """Match predictions to ground truth image by image, greedily by confidence, one truth per prediction.

    AP uses every prediction; precision and recall count those with confidence ≥ `confidence`.
    mAP is the mean AP over classes that have ground truth. A truth marked `ignore` (VOC's
    `difficult`, COCO's `iscrowd`) is not counted, and a prediction that finds it is neither right
    nor wrong: it is left out, as VOC's and COCO's own scoring do.
    """
    if len(predictions) != len(truths):
        raise ValueError("predictions and ground truth must cover the same images")
    per_class: dict[str, dict] = {}
    for name in classes:
        scored: list[tuple[float, bool]] = []
        total = 0
        for preds, gts in zip(predictions, truths, strict=True):
            boxes = [g["box"] for g in gts if g["class"] == name and not g.get("ignore")]
            ignored = [g["box"] for g in gts if g["class"] == name and g.get("ignore")]
            total += len(boxes)
            taken = [False] * len(boxes)
            for pred in sorted((p for p in preds if p["class"] == name), key=lambda p: -p["confidence"]):
                best, best_iou = -1, iou_threshold
                for j, box in enumerate(boxes):
                    overlap = iou(pred["box"], box)
                    if not taken[j] and overlap >= best_iou:
                        best, best_iou = j, overlap
                if best >= 0:
                    taken[best] = True
                elif any(iou(pred["box"], box) >= iou_threshold for box in ignored):
                    continue
                scored.append((float(pred["confidence"]), best >= 0))
        scored.sort(key=lambda s: -s[0])
        hits = np.array([hit for _, hit in scored], dtype=bool)
        tp, fp = np.cumsum(hits), np.cumsum(~hits)
        ap = average_precision(tp / total, tp / np.maximum(tp + fp, 1)) if total and len(hits) else 0.0
        kept = [hit for conf, hit in scored if conf >= confidence]
        true_pos = sum(kept)
        per_class[name] = {  # None where there is nothing to measure: a class absent from the set
            "precision": true_pos / len(kept) if kept else None,   # does not score 0
            "recall": true_pos / total if total else None,
            "ap50": ap if total else None,
            "ground_truth": total,
            "predictions": len(kept),
        }
    present = [c["ap50"] for c in per_class.values() if c["ground_truth"]]
    return {"classes": per_class, "map50": float(np.mean(present)) if present else 0.0}


FACE_CLASSES = ("mask", "no_mask")


def per_face(
    predictions: Sequence[Sequence[dict]],
    truths: Sequence[Sequence[dict]],
    *,
    iou_threshold: float = 0.5,
    confidence: float = 0.0,
) -> dict:
    """How often each labelled `mask` / `no_mask` face is given the right class: the face is found
    when a mask or no_mask box (confidence ≥ `confidence`) overlaps it by `iou_threshold`, and right
    when the best-overlapping such box has its class. A face never found counts as wrong; one
    marked `ignore` (difficult, crowd) is not counted."""
    tally = {name: {"faces": 0, "found": 0, "right": 0} for name in FACE_CLASSES}
    for preds, gts in zip(predictions, truths, strict=True):
        boxes = [p for p in preds if p["class"] in FACE_CLASSES and p["confidence"] >= confidence]
        for truth in (g for g in gts if g["class"] in FACE_CLASSES and not g.get("ignore")):
            row = tally[truth["class"]]
            row["faces"] += 1
            best = max(boxes, key=lambda p: iou(p["box"], truth["box"]), default=None)
            if best is not None and iou(best["box"], truth["box"]) >= iou_threshold:
                row["found"] += 1
                row["right"] += best["class"] == truth["class"]
    faces = sum(row["faces"] for row in tally.values())
    right = sum(row["right"] for row in tally.values())
    return {"faces": faces, "found": sum(row["found"] for row in tally.values()), "right": right,
            "accuracy": right / faces if faces else 0.0, "classes": tally}
