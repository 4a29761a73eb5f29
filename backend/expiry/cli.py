"""`python -m backend.tasks expiry-scan [--date YYYY-MM-DD]`: write due notices and tasks, deliver."""

import argparse
import logging
from datetime import date

from backend import database, indexes
from backend.expiry import service


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m backend.tasks expiry-scan", description=__doc__)
    parser.add_argument("--date", type=date.fromisoformat, default=None,
                        help="scan as of this day (default: today)")
    parser.add_argument("--no-deliver", action="store_true", help="only write the outbox")
    args = parser.parse_args(argv)
    # the default sender, `log`, delivers by logging: shown here as the worker shows it
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    db = database.get_db()
    try:
        indexes.create_all(db)
        report = service.scan(db, today=args.date)
        if not args.no_deliver:
            report = service.deliver(db, report=report)
        print(f"expiry scan: {report.notices} new notice(s), {report.tasks} new task(s), "
              f"{report.delivered} delivered, {report.failed} failed")
        return 0
    finally:
        database.close()
