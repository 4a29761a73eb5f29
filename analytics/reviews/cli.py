"""Command line: `score` (stdin lines → JSON lines) and `evaluate` (a labelled CSV → accuracy, macro-F1)."""

import argparse
import csv
import io
import json
import sys
import time
from collections.abc import Iterable, Iterator
from typing import IO

from analytics.reviews import DEFAULT_MODEL, WeightsError, load

CHUNK = 2048  # lines scored together; output is flushed after each chunk, so 100k lines stream


def _chunks(lines: Iterable[str], size: int) -> Iterator[list[str]]:
    chunk: list[str] = []
    for line in lines:
        chunk.append(line.rstrip("\r\n"))
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def score(stdin: IO[str], stdout: IO[str], model: str = DEFAULT_MODEL) -> int:
    scorer = load(model)
    for chunk in _chunks(stdin, CHUNK):
        for result in scorer.score(chunk):
            stdout.write(json.dumps(result, ensure_ascii=False) + "\n")
        stdout.flush()
    return 0


def read_labelled(path: str, text_col: str, label_col: str) -> tuple[list[str], list[int]]:
    """Texts and 1/0 labels of a CSV; refuses a missing column or a label other than 1/0, naming the row."""
    texts, labels = [], []
    with open(path, encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [col for col in (text_col, label_col) if col not in (reader.fieldnames or [])]
        if missing:
            raise SystemExit(f"{path}: no column {', '.join(missing)}; columns are {reader.fieldnames}")
        for row_number, row in enumerate(reader, start=2):
            label = (row[label_col] or "").strip()
            if label not in ("0", "1"):
                raise SystemExit(f"{path}:{row_number}: label {label!r} is not 1 or 0")
            texts.append(row[text_col] or "")
            labels.append(int(label))
    return texts, labels


def metrics(predicted: list[int], labels: list[int]) -> dict[str, float]:
    """Accuracy and the mean of the F1 of each class."""
    accuracy = sum(p == y for p, y in zip(predicted, labels, strict=True)) / len(labels)
    f1s = []
    for cls in (0, 1):
        tp = sum(p == cls and y == cls for p, y in zip(predicted, labels, strict=True))
        fp = sum(p == cls and y != cls for p, y in zip(predicted, labels, strict=True))
        fn = sum(p != cls and y == cls for p, y in zip(predicted, labels, strict=True))
        f1s.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return {"accuracy": accuracy, "macro_f1": sum(f1s) / 2}


def evaluate(path: str, text_col: str, label_col: str, stdout: IO[str], model: str = DEFAULT_MODEL) -> int:
    texts, labels = read_labelled(path, text_col, label_col)
    kept = [(text, label) for text, label in zip(texts, labels, strict=True) if text.strip()]
    if not kept:
        raise SystemExit(f"{path}: no non-empty text in column {text_col}")
    scorer = load(model)
    started = time.perf_counter()
    results = scorer.score([text for text, _ in kept])
    elapsed = time.perf_counter() - started
    predicted = [int(result["label"] == "positive") for result in results]
    figures = metrics(predicted, [label for _, label in kept])
    stdout.write(f"model: {scorer.name} {scorer.version}\nreviews: {len(kept)} "
                 f"(skipped empty: {len(texts) - len(kept)})\naccuracy: {figures['accuracy']:.4f}\n"
                 f"macro-F1: {figures['macro_f1']:.4f}\nreviews/s: {len(kept) / elapsed:.0f}\n")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m analytics.reviews", description=__doc__)
    parser.add_argument("--model", default=DEFAULT_MODEL, help="shipped model name")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("score", help="UTF-8 review texts, one per line, on stdin → one JSON object per line")
    check = commands.add_parser("evaluate", help="accuracy, macro-F1 and reviews/s on a labelled CSV (1/0)")
    check.add_argument("--csv", required=True)
    check.add_argument("--text-col", required=True)
    check.add_argument("--label-col", required=True)
    args = parser.parse_args(argv)
    if isinstance(sys.stdout, io.TextIOWrapper):
        sys.stdout.reconfigure(encoding="utf-8")  # JSON lines are UTF-8 whatever the locale says
    try:
        if args.command == "score":
            stdin = io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8", errors="replace", newline="\n")
            return score(stdin, sys.stdout, args.model)
        return evaluate(args.csv, args.text_col, args.label_col, sys.stdout, args.model)
    except WeightsError as error:
        raise SystemExit(f"review model: {error}") from None
