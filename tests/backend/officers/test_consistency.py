"""Inspector consistency: an officer's rate of finding problems against the rest of the unit's on
similar businesses, weighted by the officer's own mix, with the sample size; and on the profile."""

import pytest

from backend.businesses.schemas import Trade
from backend.officers import service
from backend.officers.consistency import MIN_SAMPLE, Outcome, Verdict, figure
from tests import factories


def _outcomes(stratum, *, mine: tuple[int, int], peers: tuple[int, int]) -> list[Outcome]:
    """`mine` and `peers` as (found problems, inspections)."""
    rows = []
    for by_officer, (found, total) in ((True, mine), (False, peers)):
        rows += [Outcome(stratum, n < found, by_officer) for n in range(total)]
    return rows


@pytest.mark.parametrize(("groups", "n", "unit_n", "rate", "expected", "verdict"), [
    # same rate as the unit on the same trade
    ([("catering", (4, 20), (20, 100))], 20, 100, 0.20, 0.20, Verdict.IN_LINE),
    # finds problems in every other visit where the unit finds them in one in ten
    ([("catering", (10, 20), (10, 100))], 20, 100, 0.50, 0.10, Verdict.STRICTER),
    ([("catering", (0, 30), (50, 100))], 30, 100, 0.00, 0.50, Verdict.MORE_LENIENT),
    # a riskier mix is not strictness: the expected rate follows the officer's own trades
    ([("workshop", (15, 30), (50, 100)), ("catering", (0, 0), (5, 100))], 30, 100, 0.50, 0.50,
     Verdict.IN_LINE),
    ([("workshop", (5, 10), (50, 100)), ("catering", (1, 10), (10, 100))], 20, 200, 0.30, 0.30,
     Verdict.IN_LINE),
    # too few comparable inspections to judge, though the rates differ
    ([("catering", (3, MIN_SAMPLE - 1), (0, 50))], MIN_SAMPLE - 1, 50, 1 / 3, 0.0, Verdict.TOO_FEW),
    # nor when the unit's own comparable sample is that small
    ([("catering", (10, 20), (0, MIN_SAMPLE - 1))], 20, MIN_SAMPLE - 1, 0.5, 0.0, Verdict.TOO_FEW),
    # a big difference against a small unit sample is not enough: its rate is uncertain too
    ([("catering", (3, 14), (0, 12))], 14, 12, 3 / 14, 0.0, Verdict.IN_LINE),
    # a trade nobody else in the unit inspected cannot be compared and is left out
    ([("market", (5, 5), (0, 0)), ("catering", (2, 10), (20, 100))], 10, 100, 0.20, 0.20,
     Verdict.IN_LINE),
    ([], 0, 0, None, None, Verdict.TOO_FEW),
])
def test_consistency_figure_table(groups, n, unit_n, rate, expected, verdict):
    outcomes = [row for stratum, mine, peers in groups
                for row in _outcomes(stratum, mine=mine, peers=peers)]
    result = figure(outcomes)
    assert (result.sample_size, result.unit_sample_size, result.verdict) == (n, unit_n, verdict)
    assert result.officer_rate == pytest.approx(rate)
    assert result.expected_rate == pytest.approx(expected)


def test_the_profile_shows_the_figure_against_the_rest_of_the_unit(db):
    factories.unit(db, id="U-C", districts=("天河区",))
    strict, a, b = (factories.officer(db, unit_id="U-C") for _ in range(3))
    shops = [factories.business(db, trade=Trade.CATERING) for _ in range(4)]
    for n in range(12):
        factories.inspection(db, shops[n % 4], [strict, a], days_ago=n + 1,
                             result="non_compliant" if n % 2 else "compliant")
        factories.inspection(db, shops[n % 4], [a, b], days_ago=n + 1, result="compliant")
    profile = service.public_profile(db, officer_id=strict)
    figure_ = profile.consistency
    assert figure_.compared_by == ["trade", "risk_level"]
    assert (figure_.sample_size, figure_.unit_sample_size) == (12, 12)
    assert figure_.officer_rate == pytest.approx(0.5) and figure_.expected_rate == 0
    assert figure_.verdict == Verdict.STRICTER
