"""Benchmark: a full regrade — rescore every review with the shipped model, then regrade every business.

Seeds a fresh embedded database with N businesses (about ten reviews per food business, not timed),
then times, in one run: (1) `python -m backend.reviews backfill`'s work (score all reviews in
batches, store a new prediction each, mark each review) and (2) the bulk regrade alone (grades and
newest reviews of every profile from the reviews' grading fields). Target: 1 M businesses /
10 M reviews in ≤ 10 min. Usage: nice -n 10 .venv/bin/python bench/regrade.py [--businesses 10000]
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
    start = time.perf_counter()
    texts = [row["text"] for rows in repository.scan(db, batch=args.batch) for row in rows]
    timings["read texts"] = time.perf_counter() - start
    start = time.perf_counter()
    for i in range(0, len(texts), args.batch):
        model.score(texts[i:i + args.batch])
    timings["model only"] = time.perf_counter() - start
    model.version = model.version + "-bench"  # a new version: predictions are added, not replaced
    start = time.perf_counter()
    for rows in repository.scan(db, batch=args.batch):
        scoring.score_batch(db, rows, model=model)
    timings["rescore + store"] = time.perf_counter() - start
    start = time.perf_counter()
    regrade.all_businesses(db, codes=repository.business_codes(db), now=clock.now())
    timings["regrade profiles"] = time.perf_counter() - start
    database.close()

    full = timings["rescore + store"] + timings["regrade profiles"]
    print(f"{businesses:,} businesses, {reviews:,} reviews (seeded in {seeded_s:.0f} s, not timed); "
          f"model {model.name}")
    for name, seconds in timings.items():
        print(f"  {name:18s} {seconds:8.1f} s")
    print(f"  full regrade       {full:8.1f} s  = {reviews / full:,.0f} reviews/s")
    per_review = timings["rescore + store"] / reviews
    per_business = timings["regrade profiles"] / businesses
    estimate = per_review * 10_000_000 + per_business * 1_000_000
    print(f"linear extrapolation to 1 M businesses / 10 M reviews: {estimate / 60:.1f} min "
          f"(model alone: {timings['model only'] / reviews * 10_000_000 / 60:.1f} min)")


if __name__ == "__main__":
    main()
