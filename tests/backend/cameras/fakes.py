"""Stand-in detectors for the camera tests (the real model is tested in tests/analytics)."""

import numpy as np

from backend.cameras import sources


class NoDetections:
    """Sees nothing: for tests about which worker watches which camera."""

    name, version = "nothing", "0"

    def detect(self, frames: list[np.ndarray]) -> list[list[dict]]:
        return [[] for _ in frames]


class GroundTruth:
    """Returns the simulated kitchen's own truth for each frame it rendered: the pipeline's
    rules, evidence and storage are then checked against what was really in the scene."""

    name, version = "ground-truth", "0"

    def __init__(self) -> None:
        self.truth: dict[int, list[dict]] = {}
        self.seen: list[list[dict]] = []

    def detect(self, frames: list[np.ndarray]) -> list[list[dict]]:
        found = [[dict(item, confidence=0.99) for item in self.truth.pop(id(frame))] for frame in frames]
        self.seen += found
        return found

    def recording(self, source: sources.Source) -> sources.Source:
        detector = self

        class Recorded:
            def read(self, t: float) -> np.ndarray | None:
                frame = source.read(t)
                if frame is not None:
                    detector.truth[id(frame)] = list(source.truth)  # type: ignore[attr-defined]
                return frame

            def close(self) -> None:
                source.close()

        return Recorded()
