"""Scoring Chinese consumer reviews: satisfaction, a 1–5 star estimate and aspect signals (see README)."""

from analytics.reviews.registry import DEFAULT_MODEL, WeightsError, cached_nets
from analytics.reviews.scorer import Scorer

__all__ = ["DEFAULT_MODEL", "Scorer", "WeightsError", "load"]


def load(name: str = DEFAULT_MODEL) -> Scorer:
    """The shipped model ``name``, SHA-256-checked and in eval mode; loaded once per process."""
    nets, clause_nets, entry = cached_nets(name)
    return Scorer(nets, name, entry["version"], clause_nets)
