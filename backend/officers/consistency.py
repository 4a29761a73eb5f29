"""Inspector consistency (执法尺度一致性): how often an officer finds problems, against their unit.

Each inspection falls in a stratum of similar businesses (same trade and risk level). The officer's
rate of inspections that were not fully compliant is compared with the rate the rest of the unit
found in the same strata, weighted by the officer's own mix (indirect standardisation), so an
officer who happens to inspect riskier trades is not called strict for it."""

import math
from collections import Counter
from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from enum import StrEnum

MIN_SAMPLE = 10  # fewer comparable inspections than this: too few to judge


class Verdict(StrEnum):
    TOO_FEW = "too_few"
    IN_LINE = "in_line"
    STRICTER = "stricter"  # finds problems more often than the unit on similar businesses
    MORE_LENIENT = "more_lenient"


@dataclass(frozen=True)
class Outcome:
    """One inspection: its stratum, whether it found problems, whether this officer took part."""

    stratum: Hashable
    found_problems: bool
    by_officer: bool


@dataclass(frozen=True)
class Figure:
    sample_size: int  # the officer's inspections that have unit peers in the same stratum
    unit_sample_size: int  # the rest of the unit's inspections in those strata
    officer_rate: float | None
    expected_rate: float | None  # the unit's rate for the officer's mix of strata
    difference: float | None  # officer_rate - expected_rate
    verdict: Verdict


def figure(outcomes: Iterable[Outcome]) -> Figure:
    """In line when the difference is within two standard errors, counting the uncertainty of
    both rates (pooled proportion; each stratum's unit rate weighs as the officer's share in it);
    too few to judge below MIN_SAMPLE comparable inspections on either side."""
    mine: Counter[Hashable] = Counter()
    mine_found: Counter[Hashable] = Counter()
    peers: Counter[Hashable] = Counter()
    peers_found: Counter[Hashable] = Counter()
    for outcome in outcomes:
        if outcome.by_officer:
            mine[outcome.stratum] += 1
            mine_found[outcome.stratum] += outcome.found_problems
        else:
            peers[outcome.stratum] += 1
            peers_found[outcome.stratum] += outcome.found_problems
    comparable = [stratum for stratum in mine if peers[stratum]]
    n = sum(mine[stratum] for stratum in comparable)
    unit_n = sum(peers[stratum] for stratum in comparable)
    if n == 0:
        return Figure(0, unit_n, None, None, None, Verdict.TOO_FEW)
    found = sum(mine_found[stratum] for stratum in comparable)
    officer_rate = found / n
    expected = sum(mine[s] * peers_found[s] / peers[s] for s in comparable) / n
    difference = officer_rate - expected
    if min(n, unit_n) < MIN_SAMPLE:
        return Figure(n, unit_n, officer_rate, expected, difference, Verdict.TOO_FEW)
    pooled = (found + sum(peers_found[s] for s in comparable)) / (n + unit_n)
    weights = sum((mine[s] / n) ** 2 / peers[s] for s in comparable)
    spread = 2 * math.sqrt(max(pooled * (1 - pooled), 0.25 / (n + unit_n)) * (1 / n + weights))
    verdict = (Verdict.IN_LINE if abs(difference) <= spread
               else Verdict.STRICTER if difference > 0 else Verdict.MORE_LENIENT)
    return Figure(n, unit_n, officer_rate, expected, difference, verdict)
