"""Benchmark: a full regrade — rescore every review with the shipped model, then regrade every business.

Seeds a fresh embedded database with N businesses (about ten reviews per food business, not timed),
then times, in one run: reading every review (a chunk of businesses at a time, as the backfill
reads them), the model alone on their texts, (1) `python -m backend.reviews backfill`'s work, the
full regrade (score every review, store a new prediction each beside the older ones, mark each
review, regrade every business), (2) the daily bulk regrade alone, on the clock a day later
(every profile's grades from its stored grade basis, written where they show something new; also
what a change to the bands or the prior needs), then as the worker's leased job a day after that,
with the profiles each wrote, and (3) the regrade after a change to how reviews are weighed (every
profile's grades and basis from the reviews' stored scores).
Target: 1 M businesses / 10 M reviews in ≤ 10 min.
With `--processes N`, both are shared by N processes (this one and N-1 started beside it, each with
its own connection to the same database server): the backfill's and the daily job's leased parts,
as N workers on N machines would share them. The others' start (imports, model load) is timed too.
Usage: nice -n 10 .venv/bin/python bench/regrade.py [--businesses 10000] [--processes 2]
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DAILY_JOB_DAY = 2  # the leased daily job runs two days after the backfill, the plain loop one
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--businesses", type=int, default=10_000)
    parser.add_argument("--batch", type=int, default=4096)
    parser.add_argument("--processes", type=int, default=1)
    parser.add_argument("--share", choices=["backfill", "daily"], help=argparse.SUPPRESS)
    parser.add_argument("--period", type=float, help=argparse.SUPPRESS)
    parser.add_argument("--days", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args()
    os.environ.setdefault("MINGLIANG_DATA_DIR", tempfile.mkdtemp(prefix="mingliang-regrade-"))
    from backend import clock, database, indexes
    from backend.reviews import regrade, repository, scoring
    from backend.seed import demo

    db = database.get_db("bench_regrade")
    if args.share:  # one of the processes started beside the first: do a share and stop
        with days_later(args.days):
            share(db, args.share, args.batch, args.period)
        database.close()
        return
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
    start = time.perf_counter()
    beside(args, "backfill", None, lambda: share(db, "backfill", args.batch, None))
    timings["full regrade"] = time.perf_counter() - start
    written: dict[str, int] = {}
    if args.processes == 1:  # what the daily job does in one process, without its leases
        with days_later(1):
            start = time.perf_counter()
            now = clock.now()
            for group in regrade.chunks(codes):
                regrade.chunk(db, group, now)
            timings["daily regrade"] = time.perf_counter() - start
            written["daily regrade"] = database.count(db.public_profiles, {"updated_at": {"$gte": now}})
    period = time.time()
    with days_later(DAILY_JOB_DAY):  # each day's grades differ from the day before's (the next day's loop)
        start, now = time.perf_counter(), clock.now()
        beside(args, "daily", period, lambda: share(db, "daily", args.batch, period))
        timings["daily job (leased parts)"] = time.perf_counter() - start
        written["daily job (leased parts)"] = database.count(db.public_profiles,
                                                             {"updated_at": {"$gte": now}})
    if args.processes == 1:  # a new weighing: no stored basis serves, every review is read
        from backend.config import get_settings

        get_settings().review_grade = {"half_life_days": 181}
        with days_later(3):
            start = time.perf_counter()
            now = clock.now()
            for group in regrade.chunks(codes):
                regrade.chunk(db, group, now)
            timings["regrade, new weighing"] = time.perf_counter() - start
    database.close()

    full, daily = timings["full regrade"], timings["daily job (leased parts)"]
    print(f"{businesses:,} businesses, {reviews:,} reviews (seeded in {seeded_s:.0f} s, not timed); "
          f"model {model.name}; {args.processes} process(es)")
    for name, seconds in timings.items():
        print(f"  {name:26s} {seconds:8.1f} s"
              + (f"  ({written[name]:,} of {businesses:,} profiles written)" if name in written else ""))
    print(f"  full regrade = {reviews / full:,.0f} reviews/s; daily regrade = {businesses / daily:,.0f} "
          f"businesses/s")
    print(f"linear extrapolation to 10 M reviews of 1 M businesses: "
          f"full {full / reviews * 1e7 / 60:.1f} min, "
          f"daily {daily / businesses * 1e6 / 60:.1f} min "
          f"(model alone: {timings['model only'] / reviews * 1e7 / 60:.1f} min"
          + (f"; regrade after a new weighing: "
             f"{timings['regrade, new weighing'] / businesses * 1e6 / 60:.1f} min"
             if "regrade, new weighing" in timings else "") + ")")


@contextmanager
def days_later(days: int) -> Iterator[None]:
    """The clock `days` days ahead (processes started beside this one are told with --days):
    the daily regrade's grades move on from the day before's, as on a real next day."""
    from backend import clock

    today = clock.now
    clock.now = lambda: today() + timedelta(days=days)  # type: ignore[assignment]
    try:
        yield
    finally:
        clock.now = today  # type: ignore[assignment]


def share(db, kind: str, batch: int, period: float | None) -> None:  # type: ignore[no-untyped-def]
    """This process's share: the backfill with a new model version (predictions are added, not
    replaced), or the daily regrade job for the period starting at `period`."""
    from backend import worker
    from backend.reviews import scoring

    if kind == "backfill":
        model = scoring.scorer()
        model.version = model.version + "-bench"
        scoring.backfill(db, batch=batch)
        return
    job = next(job for job in worker.jobs() if job.name == "reviews.regrade")
    while not worker.run_job(db, job, at=period):
        time.sleep(0.2)


def beside(args: argparse.Namespace, kind: str, period: float | None, mine) -> None:  # type: ignore[no-untyped-def]
    """Runs `mine` here while args.processes - 1 other processes share the same work."""
    from backend import database

    command = [sys.executable, __file__, "--share", kind, "--batch", str(args.batch),
               "--days", str(DAILY_JOB_DAY if kind == "daily" else 0)]
    env = os.environ | {"MONGODB_URI": database.uri()}  # this process's database, embedded or not
    others = [subprocess.Popen(command + (["--period", str(period)] if period else []), env=env)
              for _ in range(args.processes - 1)]
    mine()
    for other in others:
        if other.wait() != 0:
            raise SystemExit(f"a process sharing the {kind} failed")


if __name__ == "__main__":
    main()
