"""Unified social credit code (统一社会信用代码), GB 32100-2015: 18 characters with a check character."""

from backend.errors import Invalid
from backend.i18n import N_

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # 31 characters: no I, O, S, V, Z
WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
LENGTH = 18


def check_character(first17: str) -> str:
    """The 18th character for the first seventeen, by the standard's weighted sum modulo 31."""
    total = sum(ALPHABET.index(char) * weight for char, weight in zip(first17, WEIGHTS, strict=True))
    return ALPHABET[(31 - total % 31) % 31]


def problem(code: str) -> str | None:
    """What is wrong with a code, as a msgid, or None when it is valid."""
    if len(code) != LENGTH:
        return N_("A unified social credit code has 18 characters.")
    if any(char not in ALPHABET for char in code):
        return N_("A unified social credit code uses only digits and capital letters "
                  "other than I, O, S, V, Z.")
    if check_character(code[:17]) != code[17]:
        return N_("The check character of this credit code is wrong; "
                  "please check the code for typos.")
    return None


def normalize(raw: str) -> str:
    """The canonical (upper-case, trimmed) code, or Invalid with a readable reason."""
    code = (raw or "").strip().upper()
    reason = problem(code)
    if reason:
        raise Invalid(reason)
    return code


def is_valid(raw: str) -> bool:
    return problem((raw or "").strip().upper()) is None


def complete(first17: str) -> str:
    """A full code from its first seventeen characters (used to mint demo and test codes)."""
    return first17 + check_character(first17)
