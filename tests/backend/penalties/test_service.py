"""How long a penalty decision stays public: three months when minor, three years otherwise."""

from datetime import date, timedelta

import pytest

from backend.config import get_settings
from backend.penalties.schemas import PenaltyCreate
from backend.penalties.service import public_until
from tests import factories

DECIDED = date(2026, 1, 10)
THREE_MONTHS = timedelta(days=90)
THREE_YEARS = timedelta(days=3 * 365)


def decision(*measures: str, fine_yuan: float = 0) -> PenaltyCreate:
    return PenaltyCreate(business_code=factories.valid_code(), decision_number="穗天市监罚〔2026〕1号",
                         facts="销售过期食品", legal_basis="《食品安全法》第一百二十四条",
                         measures=list(measures), fine_yuan=fine_yuan, decided_on=DECIDED)


@pytest.mark.parametrize("measures, fine_yuan, period", [
    (("warning",), 0, THREE_MONTHS),
    (("fine",), 2000, THREE_MONTHS),  # a small fine
    (("warning", "fine"), 9999.99, THREE_MONTHS),
    (("fine",), 10_000, THREE_YEARS),  # the threshold itself is no longer small
    (("fine",), 200_000, THREE_YEARS),
    (("warning", "fine"), 50_000, THREE_YEARS),
    (("licence_revocation",), 0, THREE_YEARS),
    (("fine", "licence_revocation"), 2000, THREE_YEARS),
    (("confiscation",), 0, THREE_YEARS),
    (("fine", "confiscation"), 2000, THREE_YEARS),
    (("suspension",), 0, THREE_YEARS),
])
def test_publication_period(measures, fine_yuan, period):
    assert public_until(decision(*measures, fine_yuan=fine_yuan)) == DECIDED + period


def test_minor_fine_threshold_is_configurable(monkeypatch):
    monkeypatch.setattr(get_settings(), "minor_fine_yuan", 1000)
    monkeypatch.setattr(get_settings(), "penalty_public_days_minor", 30)
    assert public_until(decision("fine", fine_yuan=999)) == DECIDED + timedelta(days=30)
    assert public_until(decision("fine", fine_yuan=1000)) == DECIDED + THREE_YEARS
