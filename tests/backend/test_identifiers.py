"""Each kind of number follows its rule: valid ones pass (in canonical form), others say why."""

from datetime import date

import pytest

from backend import identifiers
from backend.errors import Invalid

VALID = [
    (identifiers.food_business_licence, "JY24401060000001", "JY24401060000001"),
    (identifiers.food_business_licence, " jy24401060000001 ", "JY24401060000001"),
    (identifiers.food_production_licence, "SC10644010600001", "SC10644010600001"),
    (identifiers.equipment_registration, "梯11粤A0001(20)", "梯11粤A0001(20)"),
    (identifiers.equipment_registration, "容3粤A12345-1", "容3粤A12345-1"),
    (identifiers.equipment_registration, "梯11粤A0000007（19）", "梯11粤A0000007（19）"),
    (identifiers.health_certificate, "440106202400000011", "440106202400000011"),
    (identifiers.health_certificate, "JK20260001", "JK20260001"),
    (identifiers.badge, "44010600001", "44010600001"),
    (identifiers.badge, "GD1234567890", "GD1234567890"),
    (identifiers.decision, "穗天市监罚〔2026〕12号", "穗天市监罚〔2026〕12号"),
    (identifiers.decision, "穗天市监罚[2026]12号", "穗天市监罚〔2026〕12号"),
    (identifiers.decision, "穗天市监罚(2026)12号", "穗天市监罚〔2026〕12号"),
    (identifiers.decision, "穗天市监罚（2026）12号", "穗天市监罚〔2026〕12号"),
    (identifiers.decision, "京朝市监罚字〔2025〕第123号", "京朝市监罚字〔2025〕第123号"),
]

INVALID = [
    (identifiers.food_business_licence, "JY44010600001", "JY followed by 14 digits"),  # 11 digits
    (identifiers.food_business_licence, "0000", "JY followed by 14 digits"),
    (identifiers.food_business_licence, "SC10644010600001", "JY followed by 14 digits"),
    (identifiers.food_production_licence, "JY24401060000001", "SC followed by 14 digits"),
    (identifiers.equipment_registration, "梯粤A(甲)", "at least one digit"),
    (identifiers.equipment_registration, "梯11粤A 0001", "at least one digit"),  # a space
    (identifiers.equipment_registration, "梯11\ue000粤A", "at least one digit"),  # private use
    (identifiers.health_certificate, "HC-张三-200", "digits and capital letters"),
    (identifiers.health_certificate, "ABCDEFGH", "digits and capital letters"),
    (identifiers.badge, "4401", "6 to 16 digits"),
    (identifiers.badge, "粤A12345", "6 to 16 digits"),
    (identifiers.badge, "44010600001X", "6 to 16 digits"),
    (identifiers.decision, "X-2026-1", "穗天市监罚〔2026〕12号"),
    (identifiers.decision, "穗天市监罚〔26〕12号", "穗天市监罚〔2026〕12号"),
    (identifiers.decision, "穗天市监〔2026〕12号", "穗天市监罚〔2026〕12号"),  # no 罚
    (identifiers.decision, "穗天市监罚〔2026〕号", "穗天市监罚〔2026〕12号"),  # no serial
]


@pytest.mark.parametrize("rule, number, canonical", VALID)
def test_valid_numbers_pass_in_canonical_form(rule, number, canonical):
    assert rule(number) == canonical


@pytest.mark.parametrize("rule, number, reason", INVALID)
def test_other_numbers_are_refused_with_the_rule(rule, number, reason):
    with pytest.raises(Invalid) as refused:
        rule(number)
    assert reason in str(refused.value)


@pytest.mark.parametrize("number, business_code, ok", [
    ("91440106MA59A1B2C3", "91440106MA59A1B2C3", True),
    (" 91440106ma59a1b2c3 ", "91440106MA59A1B2C3", True),
    ("0000", "91440106MA59A1B2C3", False),
    ("91440106MA59A1B2C4", "91440106MA59A1B2C3", False),  # another business's code
])
def test_a_business_licence_is_numbered_by_the_business_credit_code(number, business_code, ok):
    if ok:
        assert identifiers.business_licence(number, business_code=business_code) == business_code
    else:
        with pytest.raises(Invalid, match="unified social credit code, 91440106MA59A1B2C3"):
            identifiers.business_licence(number, business_code=business_code)


@pytest.mark.parametrize("number, decided_on, ok", [
    ("穗天市监罚〔2026〕12号", date(2026, 3, 1), True),
    ("穗天市监罚〔2025〕12号", date(2026, 1, 2), False),
    ("穗天市监罚〔2027〕12号", date(2026, 12, 31), False),
])
def test_a_decision_is_numbered_in_its_own_year(number, decided_on, ok):
    if ok:
        identifiers.decision_year(number, decided_on=decided_on)
    else:
        with pytest.raises(Invalid, match="must be the year of the decision, 2026"):
            identifiers.decision_year(number, decided_on=decided_on)
