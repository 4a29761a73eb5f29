"""Which criterion puts a business on which list at a cut-off date: pure, tested as a table."""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from backend.grading import rules as grading
from backend.lists.schemas import Criterion, ListKind, Rule


@dataclass(frozen=True)
class PenaltyFact:
    number: str
    date: date
    measures: tuple[str, ...]
    fine_yuan: float = 0.0


@dataclass(frozen=True)
class Facts:
    """What the criteria read about one business. `repaired_on`: its last approved credit repair;
    black-list facts before that day no longer count."""

    code: str
    trade: str
    inspections: Sequence[grading.Inspected] = ()
    penalties: Sequence[PenaltyFact] = ()
    repaired_on: date | None = None
    extra: dict[str, str] = field(default_factory=dict)


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


def _red_reason(criterion: Criterion, facts: Facts, cut_off: date, since: date, *,
                window_days: int, bands: Sequence[float]) -> str | None:
    grade = grading.quantified_grade(facts.inspections, on=cut_off, window_days=window_days,
                                     bands=bands)
    if grade is None or grade.band != grading.Face.EXCELLENT:
        return None
    if any(p.date >= since for p in facts.penalties):
        return None
    if any(i.date >= since and i.result == "non_compliant" for i in facts.inspections):
        return None
    return f"excellent: {grade.score:g} ({grade.on.isoformat()})"


def match(criteria: Sequence[Criterion], facts: Facts, *, cut_off: date, window_days: int,
          bands: Sequence[float]) -> dict[ListKind, Match]:
    """The first criterion (in published order) that holds, per list; a black-listed business is
    never on the red list at the same time."""
    found: dict[ListKind, Match] = {}
    for criterion in criteria:
        if criterion.list in found:
            continue
        since = cut_off - timedelta(days=criterion.within_days)
        facts_in = type(facts)(facts.code, facts.trade,
                               [i for i in facts.inspections if i.date <= cut_off],
                               [p for p in facts.penalties if p.date <= cut_off], facts.repaired_on)
        reason = (_black_reason(criterion, facts_in, since) if criterion.list == ListKind.BLACK
                  else _red_reason(criterion, facts_in, cut_off, since, window_days=window_days,
                                   bands=bands))
        if reason:
            found[criterion.list] = Match(criterion, reason)
    if ListKind.BLACK in found:
        found.pop(ListKind.RED, None)
    return found
