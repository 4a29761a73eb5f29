"""Alert rules, pure: a violation raises an alert when seen in N of the last M sampled frames,
outside ignored zones, at most once per cooldown. The caller keeps each camera's state."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from analytics.detection.classes import CLASSES, VIOLATIONS


@dataclass(frozen=True)
class Rule:
    persist: int = 3  # N: frames with the violation ...
    window: int = 5  # M: ... among the last M sampled frames
    cooldown_s: float = 600.0  # no second alert of the same class on the same camera within this time
    min_confidence: float = 0.5

    def __post_init__(self) -> None:
        if not 1 <= self.persist <= self.window:
            raise ValueError("a rule needs 1 ≤ persist ≤ window")
        if self.cooldown_s < 0 or not 0 <= self.min_confidence <= 1:
            raise ValueError("cooldown must be ≥ 0 and min_confidence within 0..1")


# A rat is seen briefly: fewer frames suffice. Compliant classes raise nothing by default.
DEFAULT_RULES: dict[str, Rule] = {name: Rule() for name in VIOLATIONS} | {"rat": Rule(persist=2, window=5)}


@dataclass(frozen=True)
class Zone:
    """A polygon in fractions of the frame (0..1, so any resolution) where detections are ignored;
    `classes` limits it to some classes (empty: all)."""

    points: tuple[tuple[float, float], ...]
    classes: frozenset[str] = frozenset()

    @classmethod
    def rect(cls, x1: float, y1: float, x2: float, y2: float, classes: Iterable[str] = ()) -> Zone:
        return cls(((x1, y1), (x2, y1), (x2, y2), (x1, y2)), frozenset(classes))

    def __post_init__(self) -> None:
        if len(self.points) < 3:
            raise ValueError("a zone needs at least three points")
        unknown = set(self.classes) - set(CLASSES)
        if unknown:
            raise ValueError(f"unknown classes in zone: {', '.join(sorted(unknown))}")

    def covers(self, cls: str, x: float, y: float) -> bool:
        if self.classes and cls not in self.classes:
            return False
        inside = False  # even-odd ray casting
        pts = self.points
        for (x1, y1), (x2, y2) in zip(pts, pts[1:] + pts[:1], strict=True):
            if (y1 > y) != (y2 > y) and x < (x2 - x1) * (y - y1) / (y2 - y1) + x1:
                inside = not inside
        return inside


@dataclass
class CameraState:
    """What the rules remember about one camera; plain data, so it can be stored between frames."""

    history: dict[str, list[bool]] = field(default_factory=dict)  # per class, oldest first, ≤ window long
    last_alert: dict[str, float] = field(default_factory=dict)  # per class, time of the last alert

    def to_dict(self) -> dict:
        return {"history": {k: list(v) for k, v in self.history.items()}, "last_alert": dict(self.last_alert)}

    @classmethod
    def from_dict(cls, data: Mapping | None) -> CameraState:
        data = data or {}
        return cls(
            {k: [bool(x) for x in v] for k, v in data.get("history", {}).items()},
            {k: float(v) for k, v in data.get("last_alert", {}).items()},
        )


@dataclass(frozen=True)
class Alert:
    cls: str
    confidence: float
    box: list[float]
    time: float
    frames: int  # frames with the violation in the window that raised it


def counted(detections: Sequence[dict], *, width: int, height: int, zones: Sequence[Zone] = ()) -> list[dict]:
    """Detections whose box centre lies outside every zone that applies to their class."""
    kept = []
    for det in detections:
        x1, y1, x2, y2 = det["box"]
        cx, cy = (x1 + x2) / 2 / width, (y1 + y2) / 2 / height
        if not any(zone.covers(det["class"], cx, cy) for zone in zones):
            kept.append(det)
    return kept


def step(
    state: CameraState,
    detections: Sequence[dict],
    *,
    time: float,
    width: int,
    height: int,
    rules: Mapping[str, Rule] = DEFAULT_RULES,
    zones: Sequence[Zone] = (),
) -> tuple[CameraState, list[Alert]]:
    """Feed one sampled frame's detections; returns the new state and the alerts to raise now."""
    seen = counted(detections, width=width, height=height, zones=zones)
    history = {k: list(v) for k, v in state.history.items()}
    last_alert = dict(state.last_alert)
    alerts = []
    for cls, rule in rules.items():
        best = max(
            (d for d in seen if d["class"] == cls and d["confidence"] >= rule.min_confidence),
            key=lambda d: d["confidence"],
            default=None,
        )
        frames = (history.get(cls, []) + [best is not None])[-rule.window :]
        history[cls] = frames
        if best is None or sum(frames) < rule.persist:
            continue
        if cls in last_alert and time - last_alert[cls] < rule.cooldown_s:
            continue
        last_alert[cls] = time
        alerts.append(Alert(cls, float(best["confidence"]), list(best["box"]), time, sum(frames)))
    return CameraState(history, last_alert), alerts


def rules_from(config: Mapping[str, Mapping | None] | None) -> dict[str, Rule]:
    """Per-class overrides on the defaults, e.g. {"rat": {"persist": 1}, "phone": None} (None: off)."""
    rules = dict(DEFAULT_RULES)
    for cls, values in (config or {}).items():
        if cls not in CLASSES:
            raise ValueError(f"unknown class {cls!r}")
        if values is None:
            rules.pop(cls, None)
        else:
            base = rules.get(cls, Rule())
            rules[cls] = Rule(**{**base.__dict__, **values})
    return rules
