"""Batched scoring of review texts into satisfaction, stars and aspect signals."""

import unicodedata
from collections.abc import Sequence
from typing import Protocol

import torch

from analytics.chinese import simplified
from analytics.reviews.cantonese import to_mandarin
from analytics.reviews.emoticons import as_words
from analytics.reviews.features import ASPECTS, aspect_clauses, normalise

BATCH = 1024
# P(satisfied) cut points for 2, 3, 4 and 5 stars: stars band the probability; they are not a separate head.
STAR_CUTS = (0.2, 0.4, 0.6, 0.8)


class TextNet(Protocol):
    def text_logits(self, texts: Sequence[str]) -> torch.Tensor: ...


def visible(text: str) -> bool:
    """Whether a text holds something to read: a line of spaces, zero-width spaces, byte-order
    marks or control characters alone is as empty as an empty line."""
    return any(not char.isspace() and unicodedata.category(char) not in ("Cc", "Cf") for char in text)


def stars_for(probability: float) -> int:
    return 1 + sum(probability >= cut for cut in STAR_CUTS)


class Scorer:
    """A loaded review model. ``score(texts)`` gives, per text, the same dict the CLI prints:

    - ``label``: "positive" when ``score`` ≥ 0.5, else "negative";
    - ``score``: P(satisfied) of the whole review (0..1, 4 decimals): the sigmoid of the mean of
      the networks' logits (one network, or several whose opinions are averaged);
    - ``stars``: 1..5, ``score`` banded at 0.2 / 0.4 / 0.6 / 0.8;
    - ``aspects``: for hygiene, taste, service, price, speed: ``null`` when no clause of the review
      mentions the aspect (by its keyword list), else the mean of 2·P(satisfied) − 1 over the clauses
      that do, each clause scored alone by the clause networks (by default the same ones): −1
      clearly bad … +1 clearly good;
    - ``model``, ``version``: which weights produced it.
    An empty or blank text gives ``{"error": "empty"}``. Traditional characters are read as their
    simplified forms first (``analytics.chinese``), a review in written Cantonese as Mandarin
    (``cantonese``) and common emoji as words (``emoticons``): the networks learnt simplified
    Mandarin, without emoji.
    """

    def __init__(self, nets: Sequence[TextNet], name: str, version: str,
                 clause_nets: Sequence[TextNet] | None = None) -> None:
        self.nets, self.name, self.version = tuple(nets), name, version
        self.clause_nets = tuple(clause_nets or nets)

    @torch.inference_mode()
    def probabilities(self, texts: Sequence[str], nets: Sequence[TextNet] | None = None) -> list[float]:
        """P(satisfied) for already-normalised, non-empty texts: the sigmoid of the mean of the
        networks' logits (`nets`, by default the model's own).

        Runs on one thread: the tensors are small, and on a busy machine handing each op to a
        pool of threads made scoring several times slower (see bench/RESULTS.md).
        """
        result: list[float] = []
        threads = torch.get_num_threads()
        torch.set_num_threads(1)
        try:
            for start in range(0, len(texts), BATCH):
                chunk = texts[start:start + BATCH]
                logits = torch.stack([net.text_logits(chunk) for net in nets or self.nets]).mean(0)
                result.extend(torch.sigmoid(logits).tolist())
        finally:
            torch.set_num_threads(threads)
        return result

    def score(self, texts: Sequence[str]) -> list[dict]:
        normalised = [normalise(to_mandarin(simplified(as_words(text)))) for text in texts]
        wholes: list[str] = []
        clauses: list[str] = []  # every review's aspect clauses, scored in one pass
        plans: list[tuple[int, dict[str, list[int]]] | None] = []
        for text in normalised:
            if not visible(text):
                plans.append(None)
                continue
            spans: dict[str, list[int]] = {}
            for aspect, found in aspect_clauses(text).items():
                spans[aspect] = list(range(len(clauses), len(clauses) + len(found)))
                clauses.extend(found)
            plans.append((len(wholes), spans))
            wholes.append(text)
        whole = self.probabilities(wholes)
        parts = self.probabilities(clauses, self.clause_nets) if clauses else []
        return [self._result(plan, whole, parts) for plan in plans]

    def _result(self, plan: tuple[int, dict[str, list[int]]] | None, whole: list[float],
                parts: list[float]) -> dict:
        if plan is None:
            return {"error": "empty"}
        index, spans = plan
        p = round(whole[index], 4)  # label and stars from the score as printed: 0.5 is positive
        aspects: dict[str, float | None] = {}
        for aspect in ASPECTS:
            indexes = spans[aspect]
            signal = sum(2 * parts[i] - 1 for i in indexes) / len(indexes) if indexes else None
            aspects[aspect] = None if signal is None else round(signal, 3)
        return {"label": "positive" if p >= 0.5 else "negative", "score": p, "stars": stars_for(p),
                "aspects": aspects, "model": self.name, "version": self.version}
