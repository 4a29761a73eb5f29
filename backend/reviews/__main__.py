"""`python -m backend.reviews backfill`: rescore every review with the current model, then regrade.

Run it on as many machines as you like (same database, same model): they share the businesses.
Stopped half way, it resumes where it stopped."""

import argparse

from tqdm import tqdm

from backend import database, indexes, leases
from backend.reviews import repository, scoring


def _batch(text: str) -> int:
    value = int(text)
    if not 1 <= value <= 100_000:
        raise argparse.ArgumentTypeError("a batch is 1 to 100000 reviews")
    return value


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m backend.reviews", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    backfill = commands.add_parser("backfill", help="rescore every review, keeping older predictions")
    backfill.add_argument("--batch", type=_batch, default=2048, help="reviews scored together (1–100000)")
    backfill.add_argument("--db-name", default=None, help="database (default: MINGLIANG_DB_NAME)")
    backfill.add_argument("--again", action="store_true",
                          help="rescore everything even if a backfill with this model version finished")
    args = parser.parse_args(argv)
    db = database.get_db(args.db_name)
    try:
        indexes.create_all(db)
        model = scoring.scorer()
        finished = leases.finished_at(db, scoring.backfill_run(model))
        if finished and not args.again:
            print(f"Every review was rescored with {model.name} {model.version} by a backfill that "
                  f"finished at {finished:%Y-%m-%d %H:%M} UTC; nothing to do "
                  "(--again rescores them once more).")
            return 0
        with tqdm(total=repository.total(db, {}), unit="review", desc=f"{model.name} {model.version}") as bar:
            done = scoring.backfill(db, batch=args.batch, again=args.again, progress=bar.update)
        print(f"Rescored {done:,} reviews with {model.name} {model.version}; grades rebuilt. Other processes "
              "backfilling with this model at the same time shared the work; a stopped backfill resumes "
              "where it stopped.")
        return 0
    finally:
        database.close()


if __name__ == "__main__":
    from backend.cli import run

    run(main)
