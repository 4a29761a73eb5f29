"""Command line: `score` (stdin lines → JSON lines) and `evaluate` (a labelled CSV → accuracy, macro-F1)."""

import _csv
import argparse
import csv
import io
import json
import queue
import sys
import threading
import time
from collections.abc import Iterable, Iterator
from typing import IO

from analytics.reviews import DEFAULT_MODEL, WeightsError, load

CHUNK = 2048  # lines scored together at most; output is flushed after each chunk
_END = None


def _chunks(lines: Iterable[str], size: int) -> Iterator[list[str]]:
    """The lines in chunks of up to `size`: as many as have arrived, so a file piped in is scored
    2,048 lines at a time and a program that writes one line and waits for its answer gets it
    (a reader thread takes the lines as they come; a chunk ends when none is waiting)."""
    arrived: queue.Queue[str | None] = queue.Queue(maxsize=4 * size)

    def read() -> None:
        try:
            for line in lines:
                arrived.put(line.rstrip("\r\n"))
        finally:
            arrived.put(_END)

    threading.Thread(target=read, daemon=True).start()
    while (line := arrived.get()) is not _END:
        chunk = [line]
        while len(chunk) < size:
            try:
                line = arrived.get_nowait()
            except queue.Empty:
                break
            if line is _END:
                yield chunk
                return
            chunk.append(line)
        yield chunk


def score(stdin: IO[str], stdout: IO[str], model: str = DEFAULT_MODEL) -> int:
    scorer = load(model)
    for chunk in _chunks(stdin, CHUNK):
        for result in scorer.score(chunk):
            stdout.write(json.dumps(result, ensure_ascii=False) + "\n")
        stdout.flush()
    return 0


def read_labelled(path: str, text_col: str, label_col: str) -> tuple[list[str], list[int]]:
    """Texts and 1/0 labels of a CSV (UTF-8 with or without a byte-order mark, or GB 18030 as
    Chinese spreadsheets save it; tab-, semicolon- or bar-separated too; `1.0` / `0.0` read as
    1 / 0; column names compared without the spaces around them); refuses a missing column or
    another label, naming the row."""
    csv.field_size_limit(1 << 30)  # one very long review is still one review
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as error:
        raise SystemExit(f"{path}: cannot read ({error.strerror})") from None
    text = _decoded(path, data)
    if "\n" not in text:  # an old Mac's line ends (CR alone)
        text = text.replace("\r", "\n")
    reader, header = _table(text, (text_col.strip(), label_col.strip()))
    missing = [col for col in (text_col, label_col) if col.strip() not in header]
    if missing:
        raise SystemExit(f"{path}: no column {', '.join(missing)}; columns are {header}")
    text_at, label_at = header.index(text_col.strip()), header.index(label_col.strip())
    texts, labels = [], []
    for row in reader:
        if not any(cell.strip() for cell in row):
            continue  # a blank line is not a review
        label = _label(row[label_at] if label_at < len(row) else "")
        if label is None:
            raise SystemExit(f"{path}: line {reader.line_num}: label {row[label_at]!r} is not 1 or 0"
                             if label_at < len(row) else f"{path}: line {reader.line_num}: no label")
        texts.append(row[text_at] if text_at < len(row) else "")
        labels.append(label)
    return texts, labels


def _label(cell: str) -> int | None:
    """1 or 0, however a spreadsheet wrote it: 1, 1.0, 1.00, " 0", "0" in quotes a tab-file keeps."""
    try:
        value = float(cell.strip().strip('"').strip())
    except ValueError:
        return None
    return int(value) if value in (0.0, 1.0) else None


def _decoded(path: str, data: bytes) -> str:
    """UTF-8 (a byte-order mark or not), or GB 18030 as Chinese spreadsheets save it, line by line:
    a UTF-8 file with a row pasted in from a GBK one keeps its other rows as they are (decoding the
    whole file as GB 18030 turned every UTF-8 row into other characters)."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    lines, other = [], 0
    for line in data.removeprefix(b"\xef\xbb\xbf").split(b"\n"):
        try:
            lines.append(line.decode("utf-8"))
        except UnicodeDecodeError:
            other += 1
            lines.append(line.decode("gb18030", errors="replace"))
    counted = len(lines) - (lines[-1] == "")  # the piece after a last line end is no line
    if other and other < counted:
        print(f"{path}: {other} of {counted} lines read as GB 18030, the rest as UTF-8", file=sys.stderr)
    return "\n".join(lines)


def _table(text: str, wanted: tuple[str, ...]) -> tuple[_csv.Reader, list[str]]:
    """Rows after the header, and the header: commas, or tabs (a .tsv, as ChnSentiCorp comes;
    quotes are then text), semicolons or bars, whichever header holds the wanted columns."""
    first = text.split("\n", 1)[0]
    def holds(delimiter: str) -> bool:
        header = [name.strip() for name in next(_reader([first], delimiter), [])]
        return all(col in header for col in wanted)

    delimiter = next((d for d in (",", "\t", ";", "|") if holds(d)), ",")
    reader = _reader(io.StringIO(text, newline=""), delimiter)
    return reader, [name.strip() for name in next(reader, [])]


def _reader(lines: Iterable[str], delimiter: str) -> _csv.Reader:
    if delimiter == "\t":
        return csv.reader(lines, delimiter=delimiter, quoting=csv.QUOTE_NONE)
    return csv.reader(lines, delimiter=delimiter)


def metrics(predicted: list[int], labels: list[int]) -> dict[str, float]:
    """Accuracy and the mean of the F1 of each class that occurs (labelled or predicted), as
    scikit-learn's f1_score(average="macro") counts it: a set of satisfied reviews only, all called
    satisfied, scores 1.0, not 0.5 for a class that is in neither."""
    accuracy = sum(p == y for p, y in zip(predicted, labels, strict=True)) / len(labels)
    f1s = []
    for cls in sorted(set(labels) | set(predicted)):
        tp = sum(p == cls and y == cls for p, y in zip(predicted, labels, strict=True))
        fp = sum(p == cls and y != cls for p, y in zip(predicted, labels, strict=True))
        fn = sum(p != cls and y == cls for p, y in zip(predicted, labels, strict=True))
        f1s.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return {"accuracy": accuracy, "macro_f1": sum(f1s) / len(f1s)}


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
            if sys.stdin is None:  # started with standard input closed (<&-): nothing to score
                return 0
            stdin = io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8-sig", errors="replace", newline="\n")
            return score(stdin, sys.stdout, args.model)
        return evaluate(args.csv, args.text_col, args.label_col, sys.stdout, args.model)
    except WeightsError as error:
        raise SystemExit(f"review model: {error}") from None
