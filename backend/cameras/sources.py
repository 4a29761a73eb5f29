"""Reading frames from a camera's source: RTSP/HTTP/HLS/files through OpenCV's FFmpeg, or the
built-in simulated kitchen (sim://<seed>), whose frames come with their ground truth."""

import logging
import threading
import time
from datetime import UTC, datetime
from typing import Protocol
from urllib.parse import urlsplit

import numpy as np

from backend.cameras import addresses, hours
from backend.cameras.schemas import SIMULATED, simulated_hours, source_scheme

log = logging.getLogger(__name__)
SIMULATED_SIZE = (640, 480)


class Source(Protocol):
    def read(self, t: float) -> np.ndarray | None:
        """The frame to analyse at time t (seconds), RGB uint8, or None when there is none."""

    def close(self) -> None: ...


class SimulatedSource:
    """A rendered kitchen whose frame is a pure function of (seed, t): every worker and every
    viewer sees the same scene at the same moment. With opening hours (sim://7?hours=06:00-22:00,
    the municipality's clock) the kitchen is empty outside them but for a rare visitor, whom a
    camera's staffed hours are there to catch; without, it is busy day and night."""

    def __init__(self, seed: int, staffed_hours: str = "") -> None:
        from analytics.detection.synthetic import SimulatedKitchen

        self.kitchen = SimulatedKitchen(seed=seed, width=SIMULATED_SIZE[0], height=SIMULATED_SIZE[1])
        self.staffed_hours = staffed_hours
        self.truth: list[dict] = []

    def read(self, t: float) -> np.ndarray:
        staffed = not hours.closed_at(self.staffed_hours, datetime.fromtimestamp(t, UTC))
        frame, self.truth = self.kitchen.frame(t, staffed)
        return frame

    def close(self) -> None:
        pass


class FileSource:
    """A video file, played at the sampling rate and looped, like a camera that never stops."""

    def __init__(self, url: str) -> None:
        import cv2

        self.capture = cv2.VideoCapture(urlsplit(url).path)

    def read(self, t: float) -> np.ndarray | None:
        import cv2

        if not self.capture.isOpened():
            return None
        ok, frame = self.capture.read()
        if not ok:
            self.capture.set(cv2.CAP_PROP_POS_FRAMES, 0)
            ok, frame = self.capture.read()
        return np.ascontiguousarray(frame[:, :, ::-1]) if ok and frame is not None else None

    def close(self) -> None:
        self.capture.release()


class StreamSource:
    """A live stream (RTSP, HTTP MJPEG, HLS): a thread keeps decoding and holds only the newest
    frame, so sampling once a second never analyses a backlog of old frames."""

    STALE_S = 5.0
    REFUSED_WAIT_S = 30.0

    def __init__(self, url: str, *, server_itself_allowed: bool = False) -> None:
        self.url = url
        self.server_itself_allowed = server_itself_allowed
        self.latest: np.ndarray | None = None
        self.latest_at = 0.0
        self.stopped = threading.Event()
        threading.Thread(target=self._decode, name=f"camera-{url[:40]}", daemon=True).start()

    def _decode(self) -> None:
        import cv2

        while not self.stopped.is_set():
            if not self.allowed_now():
                self.stopped.wait(self.REFUSED_WAIT_S)
                continue
            capture = cv2.VideoCapture(self.url)
            while capture.isOpened() and not self.stopped.is_set():
                ok, frame = capture.read()
                if not ok or frame is None:
                    break
                self.latest, self.latest_at = frame, time.monotonic()
            capture.release()
            self.stopped.wait(2.0)  # the camera dropped: try again shortly

    def allowed_now(self) -> bool:
        """The address was checked when it was saved, but a name can be made to resolve to the
        server itself afterwards (DNS rebinding): it is checked again before every connection.
        Only a source an administrator set may reach the server's own addresses."""
        if self.server_itself_allowed or not addresses.the_server_itself(urlsplit(self.url).hostname or ""):
            return True
        log.warning("camera source %s now names the server itself: not connecting",
                    addresses.without_password(self.url))
        return False

    def read(self, t: float) -> np.ndarray | None:
        frame = self.latest
        if frame is None or time.monotonic() - self.latest_at > self.STALE_S:
            return None
        return np.ascontiguousarray(frame[:, :, ::-1])  # OpenCV decodes BGR

    def close(self) -> None:
        self.stopped.set()


def open_source(url: str, *, server_itself_allowed: bool = False) -> Source:
    """`server_itself_allowed`: the source was set by an administrator (cameras.service)."""
    scheme = source_scheme(url)
    if scheme == SIMULATED:
        return SimulatedSource(int(urlsplit(url).netloc), simulated_hours(url))
    if scheme == "file":
        return FileSource(url)
    return StreamSource(url, server_itself_allowed=server_itself_allowed)
