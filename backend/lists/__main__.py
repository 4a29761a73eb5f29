"""`python -m backend.lists publish [--cut-off DATE] [--corrects N --note WHY]`: publish an edition."""

import argparse
import sys
from datetime import date

from pydantic import ValidationError

from backend import database, indexes, invalid_input
from backend.errors import DomainError
from backend.lists import service
from backend.lists.schemas import EditionPublish
from backend.users.schemas import Actor, Role


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m backend.lists", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    publish = commands.add_parser("publish", help="compute and publish the next edition")
    publish.add_argument("--cut-off", type=date.fromisoformat, default=None)
    publish.add_argument("--corrects", type=int, default=None, help="edition this one corrects")
    publish.add_argument("--note", default="", help="what changed and why (for a correction)")
    args = parser.parse_args(argv)
    db = database.get_db()
    indexes.create_all(db)
    try:
        # by hand, as the trail and the (public) edition say: not by the monthly job
        by = Actor(username="command-line", role=Role.ADMIN)
        edition = service.publish(db, actor=by, data=EditionPublish(
            cut_off=args.cut_off, corrects=args.corrects, correction_note=args.note))
    except ValidationError as exc:  # --corrects without --note: say what is missing
        sys.exit("not published: " + "; ".join(invalid_input.line(dict(error)) for error in exc.errors()))
    except (DomainError, ValueError) as exc:
        sys.exit(f"not published: {exc}")
    finally:
        database.close()
    print(f"edition {edition.number} (cut-off {edition.cut_off}): {edition.red_count} red, "
          f"{edition.black_count} black; hash {edition.hash}")


if __name__ == "__main__":
    from backend.cli import run

    run(main)
