"""Unified social credit code (GB 32100-2015) validation, as a table of codes and verdicts."""

import pytest

from backend.businesses import credit_code
from backend.errors import Invalid

LENGTH = "A unified social credit code has 18 characters."
ALPHABET = "only digits and capital letters other than I, O, S, V, Z"
CHECK = "The check character of this credit code is wrong"


@pytest.mark.parametrize("raw, canonical", [
    ("91350100M000100Y43", "91350100M000100Y43"),  # the standard's own example
    ("91110000802100433B", "91110000802100433B"),  # check character a letter
    ("911100001000080343", "911100001000080343"),
    ("91350100m000100y43", "91350100M000100Y43"),  # lower case is normalised
    ("  91350100M000100Y43\n", "91350100M000100Y43"),  # surrounding whitespace trimmed
    (credit_code.complete("92440106MA0000001"), credit_code.complete("92440106MA0000001")),
    (credit_code.complete("12100000400000000"), credit_code.complete("12100000400000000")),
    (credit_code.complete("Y1440106MA0000001"), credit_code.complete("Y1440106MA0000001")),
])
def test_valid_codes_are_accepted_in_canonical_form(raw, canonical):
    assert credit_code.is_valid(raw)
    assert credit_code.normalize(raw) == canonical


@pytest.mark.parametrize("raw, reason", [
    ("", LENGTH),
    ("91350100M000100Y4", LENGTH),  # 17 characters
    ("91350100M000100Y433", LENGTH),  # 19 characters
    ("9135 0100M000100Y43", LENGTH),  # whitespace inside is not trimmed away
    ("91350100I000100Y43", ALPHABET),
    ("91350100O000100Y43", ALPHABET),
    ("91350100S000100Y43", ALPHABET),
    ("91350100V000100Y43", ALPHABET),
    ("91350100Z000100Y43", ALPHABET),
    ("91350100M000100Y4-", ALPHABET),
    ("９1350100M000100Y43", ALPHABET),  # full-width digit
    ("91350100M000100Y44", CHECK),  # last character mistyped
    ("91350100M000100Y34", CHECK),  # two characters swapped
    ("81350100M000100Y43", CHECK),
])
def test_invalid_codes_are_refused_with_a_readable_reason(raw, reason):
    assert not credit_code.is_valid(raw)
    with pytest.raises(Invalid) as refused:
        credit_code.normalize(raw)
    assert reason in str(refused.value)
    assert refused.value.status_code == 422


@pytest.mark.parametrize("first17", ["91350100M000100Y4", "92440106MA0000001", "00000000000000000",
                                     "YYYYYYYYYYYYYYYYY"])
def test_complete_appends_the_one_check_character_that_validates(first17):
    code = credit_code.complete(first17)
    assert code[:17] == first17 and len(code) == 18
    assert credit_code.is_valid(code)
    others = [c for c in credit_code.ALPHABET if c != code[17]]
    assert not any(credit_code.is_valid(first17 + c) for c in others)


def test_none_is_refused_not_crashing():
    assert not credit_code.is_valid(None)  # type: ignore[arg-type]
