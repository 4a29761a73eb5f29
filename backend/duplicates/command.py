"""`python -m backend duplicates [--apply]`: lists exact duplicate records, then withdraws them."""

import getpass
from datetime import date, datetime
from typing import Any

from pymongo.database import Database

from backend.duplicates import service
from backend.duplicates.rules import Group, Row
from backend.users.schemas import Actor, Role


def _shown(value: Any) -> str:
    if isinstance(value, datetime | date):
        return (value.date() if isinstance(value, datetime) else value).isoformat()
    return "+".join(value) if isinstance(value, tuple) else str(value)


def _row(row: Row) -> str:
    recorded = row.get("created_at")
    return f"{row['_id']}" + (f" (recorded {recorded:%Y-%m-%d %H:%M})" if recorded else "")


def describe(group: Group) -> list[str]:
    key = ", ".join(_shown(part) for part in group.key[1:])
    lines = [f"{group.kind.name} of {group.business_code} [{key}]: keeps {_row(group.kept)}"]
    lines += [f"    withdraws {_row(row)}" for row in group.copies]
    lines += [f"    leaves {_row(row)}: identical, but an evaluation or objection names it"
              for row in group.held]
    lines += [f"    leaves {_row(row)}: same number, different content; a person must decide"
              for row in group.differing]
    return lines


def run(db: Database, *, apply: bool, by: str = "") -> int:
    """Prints what it finds; 0 when nothing is left for a person to decide, else 1."""
    groups = list(service.find(db))
    for group in groups:
        print("\n".join(describe(group)))
    copies = sum(len(group.copies) for group in groups)
    left = sum(len(group.held) + len(group.differing) for group in groups)
    if not apply:
        print(f"{copies} duplicate record(s) would be withdrawn; {left} left for a person. "
              "Dry run: --apply withdraws them.")
        return 1 if left else 0
    actor = Actor(username=f"maintenance:{by or getpass.getuser()}", role=Role.ADMIN)
    outcome = service.withdraw(db, actor=actor, groups=groups)
    print(f"{outcome.withdrawn} duplicate record(s) withdrawn (kept in withdrawn_duplicates and the "
          f"audit trail); {len(outcome.businesses)} public page(s) rebuilt; {left} left for a person.")
    if outcome.fingerprinted:
        print(f"{outcome.fingerprinted} older inspection(s) now refuse an identical one.")
    return 1 if left else 0
