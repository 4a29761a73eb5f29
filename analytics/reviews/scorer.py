"""Batched scoring of review texts into satisfaction, stars and aspect signals."""

from collections.abc import Sequence

import torch

from analytics.reviews.features import ASPECTS, aspect_clauses, batch_ngrams, normalise
from analytics.reviews.model import ReviewNet

BATCH = 1024
# P(satisfied) cut points for 2, 3, 4 and 5 stars: stars band the probability; they are not a separate head.
STAR_CUTS = (0.2, 0.4, 0.6, 0.8)


def stars_for(probability: float) -> int:
    return 1 + sum(probability >= cut for cut in STAR_CUTS)


class Scorer:
    """A loaded review model. ``score(texts)`` gives, per text, the same dict the CLI prints:

    - ``label``: "positive" when ``score`` ≥ 0.5, else "negative";
    - ``score``: P(satisfied), the network's sigmoid output on the whole review (0..1, 4 decimals);
    - ``stars``: 1..5, ``score`` banded at 0.2 / 0.4 / 0.6 / 0.8;
    - ``aspects``: for hygiene, taste, service, price, speed: ``null`` when no clause of the review
      mentions the aspect (by its keyword list), else the mean of 2·P(satisfied) − 1 over the clauses
      that do, each clause scored alone by the same network: −1 clearly bad … +1 clearly good;
    - ``model``, ``version``: which weights produced it.
    An empty or blank text gives ``{"error": "empty"}``.
    """

    def __init__(self, net: ReviewNet, name: str, version: str) -> None:
        self.net, self.name, self.version = net.eval(), name, version

    @torch.inference_mode()
    def probabilities(self, texts: Sequence[str]) -> list[float]:
        """P(satisfied) for already-normalised, non-empty texts.

        Runs on one thread: the tensors are small, and on a busy machine handing each op to a
        pool of threads made scoring several times slower (see bench/RESULTS.md).
        """
        result: list[float] = []
        threads = torch.get_num_threads()
        torch.set_num_threads(1)
        try:
            for start in range(0, len(texts), BATCH):
                ids, offsets = batch_ngrams(texts[start:start + BATCH])
                result.extend(torch.sigmoid(self.net(ids, offsets)).tolist())
        finally:
            torch.set_num_threads(threads)
        return result

    def score(self, texts: Sequence[str]) -> list[dict]:
        normalised = [normalise(text) for text in texts]
        units: list[str] = []  # whole reviews and their aspect clauses, scored in one pass
        plans: list[tuple[int, dict[str, list[int]]] | None] = []
        for text in normalised:
            if not text:
                plans.append(None)
                continue
            whole = len(units)
            units.append(text)
            spans: dict[str, list[int]] = {}
            for aspect, found in aspect_clauses(text).items():
                spans[aspect] = list(range(len(units), len(units) + len(found)))
                units.extend(found)
            plans.append((whole, spans))
        probabilities = self.probabilities(units)
        return [self._result(plan, probabilities) for plan in plans]

    def _result(self, plan: tuple[int, dict[str, list[int]]] | None, probabilities: list[float]) -> dict:
        if plan is None:
            return {"error": "empty"}
        whole, spans = plan
        p = probabilities[whole]
        aspects: dict[str, float | None] = {}
        for aspect in ASPECTS:
            indexes = spans[aspect]
            signal = sum(2 * probabilities[i] - 1 for i in indexes) / len(indexes) if indexes else None
            aspects[aspect] = None if signal is None else round(signal, 3)
        return {"label": "positive" if p >= 0.5 else "negative", "score": round(p, 4), "stars": stars_for(p),
                "aspects": aspects, "model": self.name, "version": self.version}
