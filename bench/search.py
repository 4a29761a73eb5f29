"""Benchmark: index-backed search against a lookup by credit code, at several database sizes.

Server time (the service call, no HTTP) for: a credit-code lookup (the baseline), one- and
two-character name searches, longer name and address fragments (each kind's i-th query run
after the i-th code lookup, so the ratio compares like with like), and a district listing's page 1
against page 1,000 reached by keyset cursor. Texts are sampled from the seeded data. Each size
is its own database (`mingliang_search_<N>`), seeded once by the real seeder and reused.
With --search-data-only, a database (`mingliang_search_<N>_lean`) holds only what these reads
touch: the generated businesses with their search index, and their QR-page documents (the
baseline's read; built with reviews unscored), written through the same repositories with the
index counted in bulk; their other records (inspections, licences, reviews…) are generated but
not written.
Usage: .venv/bin/python bench/search.py --sizes 100000,1000000 [--queries 200] [--search-data-only]
       .venv/bin/python bench/search.py --databases NAME[,NAME…]   (measured as they are)
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


_SEEDED = "bench_seeded"  # a lean database is reused only once its seeding finished


def _seed_search_data(size: int) -> str:
    from collections import Counter

    from tqdm import tqdm

    from backend import database, indexes
    from backend.businesses import gram_counts
    from backend.businesses import repository as businesses
    from backend.profiles import repository as profiles
    from backend.seed import demo, generate, writer

    name = f"mingliang_search_{size}_lean"
    db = database.get_db(name)
    if db[_SEEDED].find_one({"_id": size}) is not None:
        return name
    print(f"seeding {size:,} businesses (search data only) into {name} (once)…", flush=True)
    database.get_client().drop_database(name)
    indexes.create_all(db)
    # The search index's b-trees are built once at the end: kept up row by row, they outgrow the
    # cache and the load slows down as it goes.
    for index in set(db.business_grams.index_information()) - {"_id_"}:
        db.business_grams.drop_index(index)
    ctx, counted = demo.context(db, 2026), Counter[str]()

    class SearchData(writer.ChunkWriter):
        def write(self, chunk: writer.Chunk) -> int:
            with self.db.client.start_session() as session, session.start_transaction():
                businesses.insert_many(self.db, [records.business for records in chunk],
                                       session=session, counted=counted)
            profiles.save_many(self.db, [writer.profile(records, self.today) for records in chunk])
            return len(chunk)

    out = SearchData(db, today=ctx.today)
    with tqdm(total=size, unit=" businesses") as bar:
        try:
            for start in range(0, size, demo.CHUNK_SIZE):
                out.submit([generate.business_records(ctx, index)
                            for index in range(start, min(size, start + demo.CHUNK_SIZE))],
                           bar.update)
        finally:
            out.close(bar.update)
    gram_counts.write_all(db, counted)
    started = time.perf_counter()
    indexes.create_all(db)
    print(f"search index built in {time.perf_counter() - started:.0f} s", flush=True)
    db[_SEEDED].insert_one({"_id": size})
    return name


def _texts(db, rng: random.Random, count: int) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    """The same texts for the same database in every run (so runs compare like with like)."""
    codes = sorted(row["code"] for row in db.businesses.find({}, {"_id": 0, "code": 1}))
    picked = rng.sample(codes, min(count, len(codes)))
    found = {row["code"]: row for row in db.businesses.find(
        {"code": {"$in": picked}}, {"name": 1, "address": 1, "code": 1})}
    rows = [found[code] for code in picked]
    def piece(text: str, length: int) -> str:
        start = rng.randrange(max(1, len(text) - length + 1))
        return text[start:start + length]
    return {"code": [row["code"] for row in rows],
            "name, 1 char": [piece(row["name"], 1) for row in rows],
            "name, 2 chars": [piece(row["name"], 2) for row in rows],
            "name, 4 chars": [piece(row["name"], 4) for row in rows],
            "address, 5 chars": [piece(row["address"], 5) for row in rows]}


def run(name: str, queries: int) -> tuple[int, dict[str, dict[str, float]]]:
    """(businesses in database `name`, figures of each kind)."""
    from backend import database, indexes
    from backend.businesses import gram_counts, service
    from backend.profiles import service as profiles

    db = database.get_db(name)
    indexes.create_all(db)
    size = db.businesses.count_documents({})
    texts = _texts(db, random.Random(size), queries)
    holds = "holds" if gram_counts.census(db, []).triples else "lacks"
    print(f"{size:,} businesses in {name}: the index {holds} the triples with a digit")
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
    cursor = write_cursor(row["name"], row["code"], str(depth), district, "")   # the listing it walks
    deep = [_timed(lambda: service.search(db, district=district, page_size=20, cursor=cursor))
            for _ in range(20)]
    results["listing page 1"] = _figures(first)
    print(f"{size:,}: the deep listing page is page {depth // 20 + 1} of district {district}")
    results["listing, deep page (cursor)"] = _figures(deep)
    return size, results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="20000")
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--search-data-only", action="store_true",
                        help="seed only businesses, their index and QR-page documents")
    parser.add_argument("--databases", default="",
                        help="measure these databases as they are instead (names, comma-separated)")
    args = parser.parse_args()
    from backend import database

    try:
        names = args.databases.split(",") if args.databases else [
            _seed_search_data(int(s)) if args.search_data_only else _seed(int(s))
            for s in args.sizes.split(",")]
        by_size = dict(run(name, args.queries) for name in names)
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
