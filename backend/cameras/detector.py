"""The detector the camera worker uses: loaded once per process, by the DETECTOR setting."""

from typing import Any, Protocol

import numpy as np

from backend.config import get_settings, plug_in


class Detector(Protocol):
    name: str
    version: str

    def detect(self, frames: list[np.ndarray]) -> list[list[dict[str, Any]]]: ...


class _Nothing:
    """Stands in while no detector can be loaded: every frame is shown, nothing is detected."""

    name, version = "none", "0"

    def detect(self, frames: list[np.ndarray]) -> list[list[dict[str, Any]]]:
        return [[] for _ in frames]


NOTHING: Detector = _Nothing()
_loaded: Detector | None = None


def use(detector: Detector | None) -> None:
    """Replaces the configured detector in this process (None: back to the configured one)."""
    global _loaded
    _loaded = detector


def get() -> Detector:
    """The shipped model by name, or `package.module:factory` (a plug-in returning a detector)."""
    global _loaded
    if _loaded is None:
        name = get_settings().detector
        if ":" in name:
            _loaded = plug_in("DETECTOR", name)()
        else:
            from analytics.detection import load

            _loaded = load(name, stream=True)
    return _loaded
