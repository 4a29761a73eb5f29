"""`python -m backend.seed --businesses N [--seed S] [--reset] [--db-name NAME]`: seed demo data."""

import argparse
import resource
import sys
import time

from backend import database, indexes
from backend.config import get_settings
from backend.seed import demo


def _parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m backend.seed", description=__doc__)
    parser.add_argument("--businesses", type=int, default=get_settings().demo_businesses,
                        help="how many businesses to create (default: %(default)s)")
    parser.add_argument("--seed", type=int, default=2026, help="random seed (default: %(default)s)")
    parser.add_argument("--reset", action="store_true",
                        help="drop the seeded collections first (all their data is lost)")
    parser.add_argument("--db-name", default=None, help="database (default: MINGLIANG_DB_NAME)")
    args = parser.parse_args(argv)
    if args.businesses < 0:
        parser.error("--businesses cannot be negative")
    return args


def _summary(db, started: float) -> None:  # type: ignore[no-untyped-def]
    counts = {name: database.count(db[name], {}) for name in demo.SEEDED_COLLECTIONS}
    print(f"Seeded {db.name} in {time.monotonic() - started:.0f}s: "
          + ", ".join(f"{name} {n:,}" for name, n in counts.items())
          + f" ({sum(counts.values()):,} documents); seeder max RSS "
          f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024} MiB")


def main(argv: list[str] | None = None) -> int:
    args = _parse(argv)
    db = database.get_db(args.db_name)
    try:
        if args.reset:
            demo.reset(db)
        indexes.create_all(db)
        in_use = demo.collections_in_use(db)
        if in_use:
            print(f"Database {db.name} already holds data ({', '.join(in_use)}); refusing to seed "
                  "over it. Run again with --reset to drop the seeded collections first, or choose "
                  "another database with --db-name.", file=sys.stderr)
            return 1
        started = time.monotonic()
        accounts = demo.seed(db, businesses=args.businesses, seed=args.seed, progress=True)
        _summary(db, started)
        demo.print_accounts(accounts)
        demo.print_tracking_codes(db)
        return 0
    finally:
        database.close()


if __name__ == "__main__":
    from backend.cli import run

    run(main)
