"""Which stored records are the same record twice: each kind's natural key, as its service refuses
a second write (licence number and issue day, certificate number, inspection fingerprint, decision
number), read the way the services normalise it today, so copies stored before that normalisation
(a lower-case number, 穗天市监罚(2026)3号 beside 〔2026〕) are found too."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from backend import identifiers
from backend.errors import Invalid

Row = dict[str, Any]

# Written by the service beside what was recorded (who typed it, when, copies of the business's
# own fields, derived state): two copies of one record may differ in them and still be one record.
BOOKKEEPING = frozenset({"_id", "created_at", "recorded_by", "business_name", "district", "trade",
                         "officers", "fingerprint", "superseded_on", "lease_holder", "lease_until"})


def _upper(field: str) -> Callable[[Row], Row]:
    return lambda row: row | {field: str(row.get(field, "")).strip().upper()}


def _decision(row: Row) -> Row:
    try:
        return row | {"decision_number": identifiers.decision(row["decision_number"])}
    except Invalid:  # stored before numbers were checked: compared as written
        return row


def _inspection(row: Row) -> Row:
    return row | {"officer_ids": sorted(row.get("officer_ids", []))}


def _day(value: Any) -> Any:
    return value.date() if isinstance(value, datetime) else value


@dataclass(frozen=True)
class Kind:
    name: str  # as in audit actions: licence.duplicate_withdrawn
    collection: str
    key_fields: tuple[str, ...]
    normalise: Callable[[Row], Row]

    def key(self, row: Row) -> tuple[Any, ...]:
        normal = self.normalise(row)
        return tuple(_day(normal.get(field)) if field != "officer_ids" else tuple(normal[field])
                     for field in self.key_fields)

    def content(self, row: Row) -> Row:
        return {k: v for k, v in self.normalise(row).items() if k not in BOOKKEEPING}


KINDS = (
    Kind("licence", "licences", ("business_code", "kind", "number", "issued_on"), _upper("number")),
    Kind("staff", "staff", ("business_code", "health_certificate_number"),
         _upper("health_certificate_number")),
    Kind("inspection", "inspections", ("business_code", "date", "officer_ids", "result"), _inspection),
    Kind("penalty", "penalties", ("business_code", "decision_number"), _decision),
)


def first_recorded(row: Row) -> tuple[datetime, str]:
    return row.get("created_at") or datetime.min, str(row["_id"])


@dataclass(frozen=True)
class Group:
    """Rows of one business sharing a natural key. `copies` are identical to `kept` but for
    bookkeeping; `held` are identical too but other records refer to them, and `differing` share
    the key yet say something else: a person decides about those two."""

    kind: Kind
    business_code: str
    key: tuple[Any, ...]
    kept: Row
    copies: tuple[Row, ...]
    held: tuple[Row, ...]
    differing: tuple[Row, ...]


def groups(kind: Kind, rows: list[Row], *, referenced: Callable[[Row], bool]) -> list[Group]:
    """One business's rows of one kind → its duplicate groups. The copy that other records refer
    to (an evaluation, an objection) is the one kept; otherwise the first recorded."""
    by_key: dict[tuple[Any, ...], list[Row]] = {}
    for row in rows:
        by_key.setdefault(kind.key(row), []).append(row)
    found = []
    for key, same in by_key.items():
        if len(same) < 2:
            continue
        same.sort(key=first_recorded)
        kept = next((row for row in same if referenced(row)), same[0])
        identical = [row for row in same
                     if row is not kept and kind.content(row) == kind.content(kept)]
        found.append(Group(
            kind, kept["business_code"], key, kept,
            copies=tuple(row for row in identical if not referenced(row)),
            held=tuple(row for row in identical if referenced(row)),
            differing=tuple(row for row in same
                            if row is not kept and kind.content(row) != kind.content(kept))))
    return found
