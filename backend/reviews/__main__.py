"""`python -m backend.reviews backfill`: rescore every review with the current model, then regrade."""

import argparse
import sys

from tqdm import tqdm

from backend import database, indexes
from backend.reviews import repository, scoring


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m backend.reviews", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    backfill = commands.add_parser("backfill", help="rescore every review, keeping older predictions")
    backfill.add_argument("--batch", type=int, default=2048)
    backfill.add_argument("--db-name", default=None, help="database (default: MINGLIANG_DB_NAME)")
    args = parser.parse_args(argv)
    db = database.get_db(args.db_name)
    try:
        indexes.create_all(db)
        model = scoring.scorer()
        with tqdm(total=repository.total(db, {}), unit="review", desc=f"{model.name} {model.version}") as bar:
            done = scoring.backfill(db, batch=args.batch, progress=bar.update)
        print(f"Rescored {done:,} reviews with {model.name} {model.version}; grades rebuilt.")
        return 0
    finally:
        database.close()


if __name__ == "__main__":
    sys.exit(main())
