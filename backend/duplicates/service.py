"""Finds records stored twice before identical writes got a 409, and withdraws the extra copies:
each is kept in `withdrawn_duplicates` and in the audit trail (records are never lost, SPEC:
痕迹管理), leaves the live collection, and the business's public page is rebuilt without it."""

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import partial

from pymongo.database import Database

from backend import indexes
from backend.audit import service as audit
from backend.duplicates import repository, rules
from backend.duplicates.rules import Group
from backend.inspections import repository as inspections
from backend.profiles import service as profiles
from backend.users.schemas import Actor


def find(db: Database) -> Iterator[Group]:
    """Every group of rows sharing a natural key, kind by kind, business by business."""
    for kind in rules.KINDS:
        referenced = partial(repository.referenced, db, kind.collection)
        for rows in repository.by_business(db, kind.collection):
            yield from rules.groups(kind, rows, referenced=referenced)


@dataclass
class Outcome:
    withdrawn: int = 0
    businesses: set[str] = field(default_factory=set)
    fingerprinted: int = 0  # older inspections that now refuse an identical one


def withdraw(db: Database, *, actor: Actor, groups: list[Group]) -> Outcome:
    """Each copy through the audit trail, then each affected page rebuilt once; the unique
    indexes that the copies kept from being created are created now, and older inspections get
    their fingerprints, so new copies get a 409."""
    outcome = Outcome()
    for group in groups:
        for copy in group.copies:
            repository.withdraw(db, group.kind.collection, copy, kept=group.kept)
            audit.record(db, actor=actor, action=f"{group.kind.name}.duplicate_withdrawn",
                         target=group.business_code,
                         data={"record_id": str(copy["_id"]), "kept_id": str(group.kept["_id"]),
                               "record": copy})
            outcome.withdrawn += 1
            outcome.businesses.add(group.business_code)
    for code in sorted(outcome.businesses):
        profiles.rebuild(db, code=code)
    indexes.create_all(db)
    outcome.fingerprinted, _ = inspections.fingerprint_missing(db)
    return outcome
