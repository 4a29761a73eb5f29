"""Benchmark: our review scorer against snownlp's SnowNLP(text).sentiments on the same held-out reviews.

Both run in this one process on the same texts; the figures that matter are accuracy of each and the
ratio of reviews/s (target ≥ 10× snownlp on 2 cores, accuracy ≥ 0.85 on food reviews not trained on).
Usage: .venv/bin/python bench/review_scoring.py [--csv PATH ...] [--model NAME ...]
(default: the shipped model; name several, e.g. --model review-bag+senta --model review-bag, to
compare them in the same run)
(the held-out CSVs under var/reviews/ are written by `python -m analytics.reviews.train --checks-only`).
"""

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DEFAULT_CHECKS = [ROOT / "analytics/reviews/checks/food_written.csv",
                  ROOT / "var/reviews/food_lines_of_corpus.csv",
                  ROOT / "var/reviews/in_domain_corpus.csv"]


def timed(score, texts: list[str]) -> tuple[list[int], float]:  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    predicted = score(texts)
    return predicted, len(texts) / (time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--csv", type=Path, action="append", help="labelled CSV with text,label columns")
    parser.add_argument("--model", action="append", help="shipped model name (default: the shipped default)")
    args = parser.parse_args()
    from snownlp import SnowNLP

    from analytics.reviews import DEFAULT_MODEL, load
    from analytics.reviews.cli import metrics, read_labelled

    scorers = [load(name) for name in args.model or [DEFAULT_MODEL]]
    for scorer in scorers:
        scorer.score(["预热一下"])
    SnowNLP("预热一下").sentiments  # noqa: B018 - loads snownlp's model before timing

    def snownlp(texts: list[str]) -> list[int]:
        return [int(SnowNLP(text).sentiments >= 0.5) for text in texts]

    print("all score in this one process, one thread each")
    print("| check set | n | model | accuracy / macro-F1 | reviews/s | snownlp: accuracy / macro-F1 "
          "| snownlp reviews/s | throughput ratio |")
    print("|---|---|---|---|---|---|---|---|")
    for path in args.csv or DEFAULT_CHECKS:
        texts, labels = read_labelled(str(path), "text", "label")
        theirs, their_rate = timed(snownlp, texts)
        b = metrics(theirs, labels)
        for scorer in scorers:
            mine, mine_rate = timed(lambda texts, scorer=scorer: [  # type: ignore[misc]
                int(result["label"] == "positive") for result in scorer.score(texts)], texts)
            a = metrics(mine, labels)
            print(f"| {path.name} | {len(texts)} | {scorer.name} {scorer.version} "
                  f"| {a['accuracy']:.4f} / {a['macro_f1']:.4f} | {mine_rate:,.0f} "
                  f"| {b['accuracy']:.4f} / {b['macro_f1']:.4f} | {their_rate:,.0f} "
                  f"| {mine_rate / their_rate:.1f}× |", flush=True)


if __name__ == "__main__":
    main()
