"""`python -m backend.audit verify`: re-checks the whole hash chain and names the first broken entry."""

import argparse
import sys

from backend import database
from backend.audit import service


def verify() -> int:
    db = database.get_db()
    broken = service.first_broken(db)
    if broken is None:
        print(f"audit chain OK: {service.count(db)} entries verified")
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
