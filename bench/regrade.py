"""Benchmark: a full regrade — rescore every review with the shipped model, then regrade every business.

Seeds a fresh embedded database with N businesses (about ten reviews per food business, not timed),
then times, in one run: reading every review (a chunk of businesses at a time, as the backfill
reads them), the model alone on their texts, (1) `python -m backend.reviews backfill`'s work, the
full regrade (score every review, store a new prediction each beside the older ones, mark each
review, regrade every business) and (2) the daily bulk regrade alone (grades and newest reviews of
every profile from the reviews' grading fields). Target: 1 M businesses / 10 M reviews in ≤ 10 min.
Usage: nice -n 10 .venv/bin/python bench/regrade.py [--businesses 10000]
"""

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--businesses", type=int, default=10_000)
    parser.add_argument("--batch", type=int, default=4096)
    args = parser.parse_args()
    os.environ.setdefault("MINGLIANG_DATA_DIR", tempfile.mkdtemp(prefix="mingliang-regrade-"))
    from backend import clock, database, indexes
    from backend.reviews import regrade, repository, scoring
    from backend.seed import demo

    db = database.get_db("bench_regrade")
    demo.reset(db)
    indexes.create_all(db)
    started = time.perf_counter()
    demo.seed(db, businesses=args.businesses, seed=11)
    seeded_s = time.perf_counter() - started
    reviews, businesses = repository.total(db, {}), database.count(db.public_profiles, {})
    model = scoring.scorer()

    timings: dict[str, float] = {}
    codes = repository.business_codes(db)
    start = time.perf_counter()
    texts = [row["text"] for group in regrade.chunks(codes)
             for row in repository.for_rescoring(db, group)]
    timings["read reviews"] = time.perf_counter() - start
    start = time.perf_counter()
    for i in range(0, len(texts), args.batch):
        model.score(texts[i:i + args.batch])
    timings["model only"] = time.perf_counter() - start
    model.version = model.version + "-bench"  # a new version: predictions are added, not replaced
    start = time.perf_counter()
    scoring.backfill(db, batch=args.batch)
    timings["full regrade"] = time.perf_counter() - start
    start = time.perf_counter()
    regrade.all_businesses(db, codes=codes, now=clock.now())
    timings["daily regrade"] = time.perf_counter() - start
    database.close()

    full, daily = timings["full regrade"], timings["daily regrade"]
    print(f"{businesses:,} businesses, {reviews:,} reviews (seeded in {seeded_s:.0f} s, not timed); "
          f"model {model.name}")
    for name, seconds in timings.items():
        print(f"  {name:18s} {seconds:8.1f} s")
    print(f"  full regrade = {reviews / full:,.0f} reviews/s; daily regrade = {businesses / daily:,.0f} "
          f"businesses/s")
    print(f"linear extrapolation to 10 M reviews of 1 M businesses: "
          f"full {full / reviews * 1e7 / 60:.1f} min, "
          f"daily {daily / businesses * 1e6 / 60:.1f} min "
          f"(model alone: {timings['model only'] / reviews * 1e7 / 60:.1f} min)")


if __name__ == "__main__":
    main()
