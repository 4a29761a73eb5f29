"""Benchmark: index-backed search against a lookup by credit code, at several database sizes.

Server time (the service call, no HTTP) for: a credit-code lookup (the baseline), one- and
two-character name searches, longer name and address fragments (each kind's i-th query run
after the i-th code lookup, so the ratio compares like with like), and a district listing's page 1
against page 1,000 reached by keyset cursor. Texts are sampled from the seeded data. Each size
is its own database (`mingliang_search_<N>`), seeded once by the real seeder and reused.
Usage: .venv/bin/python bench/search.py --sizes 100000,1000000 [--queries 200]
"""

import argparse
import random
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _timed(call: Callable[[], object]) -> float:
    start = time.perf_counter()
    call()
    return 1000 * (time.perf_counter() - start)


def _figures(samples: list[float]) -> dict[str, float]:
    samples = sorted(samples)
    return {"p50": statistics.median(samples), "p99": samples[int(0.99 * (len(samples) - 1))]}


def _seed(size: int) -> str:
    from backend import database

    name = f"mingliang_search_{size}"
    if database.get_db(name).businesses.find_one({}, {"_id": 1}) is None:
        print(f"seeding {size:,} businesses into {name} (once)…", flush=True)
        subprocess.run([sys.executable, "-m", "backend.seed", "--businesses", str(size),
                        "--db-name", name, "--reset"], check=True, cwd=ROOT,
                       env={**__import__("os").environ, "MONGODB_URI": database.uri()})
    return name


def _texts(db, rng: random.Random, count: int) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    rows = list(db.businesses.aggregate([{"$sample": {"size": count}},
                                         {"$project": {"name": 1, "address": 1, "code": 1}}]))
    def piece(text: str, length: int) -> str:
        start = rng.randrange(max(1, len(text) - length + 1))
        return text[start:start + length]
    return {"code": [row["code"] for row in rows],
            "name, 1 char": [piece(row["name"], 1) for row in rows],
            "name, 2 chars": [piece(row["name"], 2) for row in rows],
            "name, 4 chars": [piece(row["name"], 4) for row in rows],
            "address, 5 chars": [piece(row["address"], 5) for row in rows]}


def run(size: int, queries: int) -> dict[str, dict[str, float]]:
    from backend import database, indexes
    from backend.businesses import service
    from backend.profiles import service as profiles

    db = database.get_db(_seed(size))
    indexes.create_all(db)
    texts = _texts(db, random.Random(size), queries)
    samples: dict[str, list[float]] = {kind: [] for kind in texts}
    for i, code in enumerate(texts["code"]):  # kinds interleaved: drift hits all alike
        samples["code"].append(_timed(partial(profiles.public_record, db, code=code)))
        for kind in sorted(texts.keys() - {"code"}):
            samples[kind].append(_timed(partial(service.search, db, text=texts[kind][i],
                                                page_size=20)))
    results = {kind: _figures(values) for kind, values in samples.items()}
    district = db.businesses.find_one({}, {"district": 1})["district"]
    first = [_timed(lambda: service.search(db, district=district, page_size=20)) for _ in range(20)]
    in_district = db.businesses.count_documents({"district": district})
    depth = min(999 * 20, in_district - 20)  # page 1,000, or the last full page of a small city
    row = db.businesses.find({"district": district}, {"name": 1, "code": 1}).sort(
        [("name", 1), ("code", 1)]).skip(depth - 1).limit(1).next()
    from backend.paging import write_cursor
    cursor = write_cursor(row["name"], row["code"])
    deep = [_timed(lambda: service.search(db, district=district, page_size=20, page_number=1000,
                                          cursor=cursor)) for _ in range(20)]
    results["listing page 1"] = _figures(first)
    print(f"{size:,}: the deep listing page is page {depth // 20 + 1} of district {district}")
    results["listing, deep page (cursor)"] = _figures(deep)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="20000")
    parser.add_argument("--queries", type=int, default=200)
    args = parser.parse_args()
    from backend import database

    try:
        by_size = {int(s): run(int(s), args.queries) for s in args.sizes.split(",")}
    finally:
        database.close()
    for size, results in by_size.items():
        base = results["code"]["p50"]
        print(f"\n{size:,} businesses (server time, ms; ratio = p50 / code lookup p50)")
        for kind, fig in results.items():
            print(f"  {kind:28s} p50 {fig['p50']:7.2f}  p99 {fig['p99']:7.2f}  ×{fig['p50'] / base:5.1f}")
    if len(by_size) > 1:
        small, large = min(by_size), max(by_size)
        print(f"\ngrowth {small:,} → {large:,} (p50 ratio):")
        for kind in by_size[small]:
            print(f"  {kind:28s} ×{by_size[large][kind]['p50'] / by_size[small][kind]['p50']:.2f}")


if __name__ == "__main__":
    main()
