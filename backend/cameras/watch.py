"""The camera worker: claims cameras through leases, samples their frames, detects in one batch
across its cameras, applies the alert rules and publishes each camera's live frame."""

import logging
import time
from collections import deque
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import numpy as np
from pymongo.database import Database

from analytics.detection import alerts as rules
from analytics.detection.render import blur_faces, draw_boxes, jpeg
from backend import clock, leases
from backend.alerts import rules as alert_rules
from backend.alerts import service as alerts
from backend.cameras import detector, repository
from backend.cameras.sources import Source, open_source
from backend.config import get_settings
from backend.errors import Invalid

log = logging.getLogger(__name__)
LIVE_WIDTH = 480  # the public live view: small frames for phones
CLIP_WIDTH = 320  # an alert's evidence sequence: small frames, several per alert
CLIP_KEPT = 10  # frames remembered per camera (the longest rule window an alert keeps)


def lease_name(camera_id: str) -> str:
    return f"camera:{camera_id}"


@dataclass
class Watched:
    url: str
    source: Source
    state: Any  # analytics.detection.alerts.CameraState
    since: float
    next_due: float = 0.0
    zones: list[Any] = field(default_factory=list)
    # Small boxed frames of the last few samples: an alert keeps its rule's window of them.
    recent: deque[bytes] = field(default_factory=lambda: deque(maxlen=CLIP_KEPT))


class Watcher:
    """One per worker process (tests make several, each with its own holder)."""

    def __init__(self, holder: str = leases.HOLDER) -> None:
        self.holder = holder
        self.watched: dict[str, Watched] = {}
        self.held: set[str] = set()  # cameras whose lease this worker took in its last claim
        self.detector_failed = False

    def claim(self, db: Database) -> list[dict[str, Any]]:
        """Renews this worker's cameras and takes free ones, up to its capacity."""
        settings = get_settings()
        mine: list[dict[str, Any]] = []
        # Its own cameras first: renewing them must never lose out to taking new ones.
        ids = sorted(repository.all_ids(db),
                     key=lambda camera_id: camera_id not in self.held | set(self.watched))
        for camera_id in ids:
            if len(mine) >= settings.cameras_per_worker:
                break
            if leases.claim(db, name=lease_name(camera_id), holder=self.holder,
                            ttl_s=settings.camera_lease_ttl_s):
                camera = repository.get(db, camera_id)
                if camera is not None:
                    mine.append(camera)
        mine_ids = {camera["_id"] for camera in mine}
        for camera_id in self.held - mine_ids:
            # Beyond capacity now: let it go at once rather than when the lease runs out.
            leases.release(db, name=lease_name(camera_id), holder=self.holder)
        self.held = mine_ids
        for camera_id in set(self.watched) - mine_ids:
            self.watched.pop(camera_id).source.close()  # taken over, or deleted
        return mine

    def _watch(self, camera: dict[str, Any], now: float) -> Watched:
        watched = self.watched.get(camera["_id"])
        if watched is None or watched.url != camera["source_url"]:
            if watched is not None:
                watched.source.close()
            state = rules.CameraState.from_dict(camera.get("rule_state"))
            source = open_source(camera["source_url"],
                                 server_itself_allowed=camera.get("source_set_by_admin", False))
            watched = Watched(camera["source_url"], source, state, since=now)
            self.watched[camera["_id"]] = watched
        watched.zones = [rules.Zone.rect(z["x1"], z["y1"], z["x2"], z["y2"], z.get("classes", ()))
                         for z in camera.get("zones", [])]
        return watched

    def cycle(self, db: Database, *, now: float | None = None) -> int:
        """One pass: returns how many frames were analysed."""
        now = time.time() if now is None else now
        period = 1.0 / get_settings().camera_sample_fps
        batch: list[tuple[dict[str, Any], Watched, np.ndarray]] = []
        for camera in self.claim(db):
            watched = self._watch(camera, now)
            if watched.next_due > now:
                continue
            watched.next_due = now + period
            frame = watched.source.read(now)
            if frame is None:
                self._check_offline(db, camera, watched, now)
            else:
                batch.append((camera, watched, frame))
        if batch:
            self._analyse(db, batch, now)
        return len(batch)

    def _check_offline(self, db: Database, camera: dict[str, Any], watched: Watched, now: float) -> None:
        last = camera.get("last_frame_at")
        seen = last.replace(tzinfo=UTC).timestamp() if last else 0.0
        if now - max(seen, watched.since) >= get_settings().camera_offline_after_s \
                and repository.mark_offline(db, camera["_id"]):
            alerts.raise_offline(db, camera=camera)

    def _analyse(self, db: Database, batch: list[tuple[dict[str, Any], Watched, np.ndarray]],
                 now: float) -> None:
        try:
            model = detector.get()
        except Exception:  # e.g. weights not built yet: the live view goes on, without detection
            if not self.detector_failed:
                log.exception("no detector: cameras are shown live but raise no alerts")
            self.detector_failed = True
            model = detector.NOTHING
        found = model.detect([frame for _, _, frame in batch])
        settings = get_settings()
        for (camera, watched, frame), detections in zip(batch, found, strict=True):
            # A slow batch may outlast the lease: a camera another worker took meanwhile is its now.
            if not leases.claim(db, name=lease_name(camera["_id"]), holder=self.holder,
                                ttl_s=settings.camera_lease_ttl_s):
                self.watched.pop(camera["_id"]).source.close()
                continue
            at = datetime.fromtimestamp(now, UTC).replace(tzinfo=None)
            try:
                camera_rules = alert_rules.in_force(camera, at)
            except Invalid:  # ALERT_RULES changed under a camera's overrides: the setting alone
                log.warning("camera %s: its rule overrides no longer fit ALERT_RULES", camera["_id"])
                camera_rules = alert_rules.in_force({"staffed_hours": camera.get("staffed_hours")}, at)
            if alert_rules.PERSON not in camera_rules:  # each night's watch starts afresh
                watched.state.history.pop(alert_rules.PERSON, None)
            height, width = frame.shape[:2]
            watched.state, raised = rules.step(watched.state, detections, time=now, width=width,
                                               height=height, rules=camera_rules, zones=watched.zones)
            boxed = draw_boxes(frame, detections)
            watched.recent.append(jpeg(_narrow(boxed, CLIP_WIDTH), quality=60))
            if raised:
                evidence = jpeg(boxed)
                for alert in raised:
                    window = camera_rules[alert.cls].window
                    alerts.raise_detection(db, camera=camera, kind=alert.cls, confidence=alert.confidence,
                                           box=alert.box, frames=alert.frames, snapshot=evidence,
                                           model=model.name, version=model.version,
                                           clip=list(watched.recent)[-window:])
            repository.save_frame(db, camera["_id"], jpeg=live_jpeg(camera, frame, detections, boxed=boxed),
                                  at=clock.now())
            repository.mark_seen(db, camera["_id"], at=clock.now(), by=self.holder,
                                 rule_state=watched.state.to_dict())

    def close(self) -> None:
        for watched in self.watched.values():
            watched.source.close()
        self.watched.clear()


def live_jpeg(camera: dict[str, Any], frame: np.ndarray, detections: list[dict[str, Any]], *,
              boxed: np.ndarray | None = None) -> bytes:
    """The public frame: faces blurred where the business chose it, boxes drawn, phone-sized.
    `boxed`: the frame with its boxes already drawn, reused when no face needs blurring."""
    if camera.get("blur_faces", True):
        shown = draw_boxes(blur_faces(frame, detections), detections)
    else:
        shown = boxed if boxed is not None else draw_boxes(frame, detections)
    return jpeg(_narrow(shown, LIVE_WIDTH), quality=70)


def _narrow(frame: np.ndarray, width: int) -> np.ndarray:
    height, current = frame.shape[:2]
    if current <= width:
        return frame
    from PIL import Image

    return np.asarray(Image.fromarray(frame).resize((width, round(height * width / current))))
