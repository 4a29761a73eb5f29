"""How long a licence may be valid: a food business or production licence five years at most and
never long-term; a business licence or a special equipment registration may be long-term."""

import pytest
from pydantic import ValidationError

from backend.config import get_settings
from backend.licences.schemas import LicenceCreate
from backend.rule_settings import live
from backend.rule_settings import service as rule_settings
from backend.users.schemas import Role
from tests import factories
from tests.factories import ADMIN, days_from_today

ISSUED = days_from_today(-10)
NUMBERS = {"food_business_licence": "JY14401060000001", "food_production_licence": "SC11144010600001",
           "special_equipment_registration": "梯11粤A0000001(24)"}


def _licence(kind, expires_on):
    return LicenceCreate(kind=kind, number=NUMBERS.get(kind, "91440106MA59XXXX1X"), issued_on=ISSUED,
                         expires_on=expires_on)


@pytest.mark.parametrize(("kind", "expires_on", "refusal"), [
    ("food_business_licence", ISSUED.replace(year=2200), "valid for at most 1827 days from its issue day"),
    ("food_business_licence", None, "is never long-term: enter its expiry date"),
    ("food_business_licence", "", "is never long-term: enter its expiry date"),
    ("food_production_licence", days_from_today(1818), "valid for at most 1827 days"),
    ("food_production_licence", None, "is never long-term"),
    ("business_licence", "", "Enter the expiry date, or tick long-term if the licence has none."),
    ("special_equipment_registration", " ", "Enter the expiry date, or tick long-term"),
    ("food_business_licence", days_from_today(1817), None),  # 1827 days from its issue day
    ("food_production_licence", days_from_today(1000), None),
    ("business_licence", None, None),
    ("business_licence", ISSUED.replace(year=ISSUED.year + 30), None),  # an operating term (营业期限)
    ("special_equipment_registration", None, None),
])
def test_each_kind_has_its_validity(kind, expires_on, refusal):
    if refusal is None:
        assert _licence(kind, expires_on).expires_on == (expires_on or None)
        return
    with pytest.raises(ValidationError, match=refusal) as refused:
        _licence(kind, expires_on)
    assert [error["loc"] for error in refused.value.errors()] == [("expires_on",)]


def test_the_longest_food_licence_is_a_rule_the_administrator_sets(db):
    live.forget()
    try:
        rule_settings.update(db, actor=ADMIN, changes={"food_licence_max_days": 3 * 365})
        with pytest.raises(ValidationError, match="at most 1095 days"):
            _licence("food_business_licence", days_from_today(1200))
        with pytest.raises(ValidationError, match="less than or equal to 3660"):
            rule_settings.update(db, actor=ADMIN, changes={"food_licence_max_days": 4000})
    finally:
        db.settings.delete_many({})
        live.forget()
    assert get_settings().food_licence_max_days == 1827


@pytest.fixture(scope="module")
def owner(db, api):
    code = factories.business(db)
    return code, factories.signed_in(api, db, role=Role.ENTERPRISE, business_code=code)


@pytest.mark.parametrize("body", [
    {"expires_on": "2200-01-01"}, {"expires_on": None}, {},  # unsaid: long-term, which it cannot be
])
def test_the_api_refuses_a_food_licence_without_an_end(db, api, owner, body):
    code, headers = owner
    sent = {"kind": "food_business_licence", "number": "JY24401060000012", "issued_on": str(ISSUED)} | body
    response = api.post(f"/api/v1/businesses/{code}/licences", json=sent, headers=headers)
    assert response.status_code == 422, response.text
    assert response.json()["detail"].startswith("expires_on: A food business or food production licence")
    assert db.licences.count_documents({"business_code": code}) == 0
