"""Which criterion puts a business on which list at a cut-off date: pure, tested as a table."""

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from backend.equipment.schemas import inspection_overdue, maintenance_overdue
from backend.grading import rules as grading
from backend.licences.expiry import ExpiryStatus, expiry_status
from backend.licences.schemas import current_licences
from backend.lists.schemas import Criterion, ListKind, Rule


@dataclass(frozen=True)
class PenaltyFact:
    number: str
    date: date
    measures: tuple[str, ...]
    fine_yuan: float = 0.0


@dataclass(frozen=True)
class LicenceFact:
    kind: str
    number: str
    issued_on: date
    expires_on: date | None  # None: long-term


@dataclass(frozen=True)
class EquipmentFact:
    """A piece of special equipment as recorded now: its dates are the latest known (a maintenance
    recorded after a cut-off hides whether it was overdue then; it is taken as not)."""

    code: str
    registered_on: date
    last_maintained_on: date | None
    next_inspection_on: date | None


@dataclass(frozen=True)
class Facts:
    """What the criteria read about one business. `repaired_on`: its last approved credit repair;
    black-list facts before that day no longer count. Licences and equipment are gathered only
    where a criterion reads them."""

    code: str
    trade: str
    inspections: Sequence[grading.Inspected] = ()
    penalties: Sequence[PenaltyFact] = ()
    repaired_on: date | None = None
    extra: dict[str, str] = field(default_factory=dict)
    licences: Sequence[LicenceFact] = ()
    equipment: Sequence[EquipmentFact] = ()


@dataclass(frozen=True)
class Match:
    criterion: Criterion
    reason: str


def _black_reason(criterion: Criterion, facts: Facts, since: date) -> str | None:
    if facts.repaired_on is not None:
        since = max(since, facts.repaired_on + timedelta(days=1))
    penalties = [p for p in facts.penalties if p.date >= since]
    if criterion.rule == Rule.SERIOUS_PENALTY:
        hits = [p for p in penalties if grading.SERIOUS_MEASURES & set(p.measures)]
    elif criterion.rule == Rule.LICENCE_REVOKED:
        hits = [p for p in penalties if "licence_revocation" in p.measures]
    elif criterion.rule == Rule.FINE_AT_LEAST:
        hits = [p for p in penalties if p.fine_yuan >= criterion.threshold]
    else:
        failed = sorted(i.date for i in facts.inspections
                        if i.date >= since and i.result == "non_compliant")
        if len(failed) < criterion.threshold:
            return None
        return "non_compliant: " + ", ".join(day.isoformat() for day in failed)
    return ", ".join(f"{p.number} ({p.date.isoformat()})" for p in hits) or None


def expired_licences(licences: Sequence[LicenceFact], on: date) -> list[LicenceFact]:
    """The licences held on `on` (issued by then, not replaced by a later issue by then) that had
    expired: the QR page's "expired" badge on that day."""
    held = [licence for licence in licences if licence.issued_on <= on]
    rows = [{"kind": f.kind, "number": f.number, "issued_on": f.issued_on, "fact": f} for f in held]
    return [row["fact"] for row in current_licences(rows)
            if expiry_status(row["fact"].expires_on, on, 0) == ExpiryStatus.EXPIRED]


def overdue_equipment(equipment: Sequence[EquipmentFact], on: date, *,
                      maintenance_days: int) -> list[EquipmentFact]:
    """The equipment registered by `on` whose maintenance or periodic inspection was overdue that
    day: the equipment page's warnings on that day."""
    return [item for item in equipment if item.registered_on <= on and (
        inspection_overdue(item.next_inspection_on, on)
        or maintenance_overdue(item.last_maintained_on, on, maintenance_days))]


def _red_reason(criterion: Criterion, facts: Facts, cut_off: date, since: date, *,
                window_days: int, bands: Sequence[float], maintenance_days: int) -> str | None:
    grade = grading.quantified_grade(facts.inspections, on=cut_off, window_days=window_days,
                                     bands=bands)
    if grade is None or grade.band != grading.Face.EXCELLENT:
        return None
    if any(p.date >= since for p in facts.penalties):
        return None
    if any(i.date >= since and i.result == "non_compliant" for i in facts.inspections):
        return None
    if criterion.rule == Rule.CLEAN_TOP_GRADE_IN_ORDER and (
            expired_licences(facts.licences, cut_off)
            or overdue_equipment(facts.equipment, cut_off, maintenance_days=maintenance_days)):
        return None
    return f"excellent: {grade.score:g} ({grade.on.isoformat()})"


def match(criteria: Sequence[Criterion], facts: Facts, *, cut_off: date, window_days: int,
          bands: Sequence[float], maintenance_days: int) -> dict[ListKind, Match]:
    """The first criterion (in published order) that holds, per list; a black-listed business is
    never on the red list at the same time. `maintenance_days`: how old a special equipment's last
    maintenance may be before it is overdue."""
    found: dict[ListKind, Match] = {}
    for criterion in criteria:
        if criterion.list in found:
            continue
        since = cut_off - timedelta(days=criterion.within_days)
        facts_in = replace(facts, inspections=[i for i in facts.inspections if i.date <= cut_off],
                           penalties=[p for p in facts.penalties if p.date <= cut_off])
        reason = (_black_reason(criterion, facts_in, since) if criterion.list == ListKind.BLACK
                  else _red_reason(criterion, facts_in, cut_off, since, window_days=window_days,
                                   bands=bands, maintenance_days=maintenance_days))
        if reason:
            found[criterion.list] = Match(criterion, reason)
    if ListKind.BLACK in found:
        found.pop(ListKind.RED, None)
    return found
