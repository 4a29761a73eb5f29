"""Kitchen-camera detection (明厨亮灶): load(), the class names, and the detectors behind them."""

from analytics.detection.classes import CLASSES, VIOLATIONS
from analytics.detection.registry import WeightsRefused, load

__all__ = ["CLASSES", "VIOLATIONS", "WeightsRefused", "load"]
