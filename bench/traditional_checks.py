"""The review checks written in traditional characters, to score with `python -m analytics.reviews evaluate`.

Reviews of a business in Guangzhou also come from Hong Kong, Macao and Taiwan visitors, in
traditional characters, and the portal speaks zh-Hant. Each held-out check set (the hand-written
food reviews and the withheld corpus lines, see analytics/reviews/README.md) is turned into
traditional characters, one for one, by OpenCC's simplified → traditional table (STCharacters.txt
in the `opencc-python-reimplemented` 0.1.7 wheel; the first form of each), and written to
var/reviews/traditional/. The scorer turns traditional characters back with OpenCC's other table
(TSCharacters.txt); these files check that it does, on text it was not trained on.

Usage: .venv/bin/python bench/traditional_checks.py  (run `python -m analytics.reviews.train
--checks-only` first for the corpus sets), then e.g.
.venv/bin/python -m analytics.reviews evaluate --csv var/reviews/traditional/food_written.csv
--text-col text --label-col label
"""

import csv
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CHECKS = [ROOT / "analytics/reviews/checks/food_written.csv",
          ROOT / "var/reviews/food_lines_of_corpus.csv",
          ROOT / "var/reviews/in_domain_corpus.csv"]
OUT = ROOT / "var/reviews/traditional"


def main() -> None:
    from analytics.chinese import opencc_table

    table = opencc_table("STCharacters.txt")
    OUT.mkdir(parents=True, exist_ok=True)
    for path in CHECKS:
        if not path.exists():
            sys.exit(f"{path} is missing: run `python -m analytics.reviews.train --checks-only` first")
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
        changed = 0
        for row in rows:
            written = row["text"].translate(table)
            changed += written != row["text"]
            row["text"] = written
        with (OUT / path.name).open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=["text", "label"], extrasaction="ignore")
            writer.writeheader()
            writer.writerows(rows)
        print(f"{OUT / path.name}: {len(rows)} reviews, {changed} of them changed")


if __name__ == "__main__":
    main()
