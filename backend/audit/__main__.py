"""`python -m backend.audit verify`: re-checks the whole hash chain and names the first broken entry."""

import argparse
import sys

from backend import database
from backend.audit import service
from backend.config import get_settings


def verify() -> int:
    settings = get_settings()
    folder = settings.data_dir / "db"
    if not settings.mongodb_uri and not folder.is_dir():  # not one to start empty: a wrong setting
        print(f"no database in {folder}: nothing to verify (is MINGLIANG_DATA_DIR right?)",
              file=sys.stderr)
        return 1
    db = database.get_db()
    broken = service.first_broken(db)
    if broken is None:
        entries = service.count(db)
        if entries == 0:  # a chain is never empty once anything was recorded
            print(f"no audit entry in database {db.name}: nothing to verify (is it the right one?)",
                  file=sys.stderr)
            return 1
        print(f"audit chain OK: {entries} entries verified")
        return 0
    checked, entry, why = broken
    assert entry is not None
    print(f"audit chain BROKEN at entry {entry.get('seq')} ({entry.get('action')} on "
          f"{entry.get('target')} by {entry.get('actor')} at {entry.get('at')}): {why}; "
          f"{checked} entries before it verified", file=sys.stderr)
    return 1


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m backend.audit", description=__doc__)
    parser.add_argument("command", choices=["verify"])
    parser.parse_args(argv)
    try:
        code = verify()
    finally:
        database.close()
    sys.exit(code)


if __name__ == "__main__":
    from backend.cli import run

    run(main)
