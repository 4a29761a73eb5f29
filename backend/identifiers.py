"""Formats of the numbers records carry: licences, certificates, badges and penalty decisions.

Each kind has its pattern (a string, so the schemas state it in the OpenAPI document too) and a
function that returns the canonical form or raises Invalid with a readable reason:
- business licence (营业执照): since 三证合一 its number is the business's own unified social
  credit code, so it must equal the code of the business it is recorded for;
- food business licence (食品经营许可证): ``JY`` and 14 digits; food production licence
  (食品生产许可证): ``SC`` and 14 digits;
- special-equipment registration (使用登记证): formats differ by province and era
  (``梯11粤A0001(20)``, ``容3粤A12345``, ``沪A-1234``), so Han characters, Latin letters, digits,
  brackets, hyphens and slashes, with at least one digit;
- health certificate (健康证明): each province's system numbers them its own way; 6 to 30
  digits and capital letters, at least one digit;
- law-enforcement badge (执法证号): an optional prefix of up to four capital letters, then 6 to
  16 digits (Guangdong: the unit's 6-digit division code and a 5-digit serial);
- phone (电话): optional; spaces and hyphens dropped, then 7 to 15 digits after an optional +;
- penalty decision (处罚决定书文号): ``<office abbreviation>罚〔year〕serial号``, e.g.
  穗天市监罚〔2026〕12号; [2026], (2026) and （2026） are written 〔2026〕, and the year must be
  the decision's own."""

import re
from datetime import date
from typing import Any

from pydantic import Field

from backend.errors import Invalid
from backend.i18n import N_

_HAN = "一-鿿"  # CJK unified ideographs
_REGISTRATION_CHARS = f"[{_HAN}A-Za-z0-9()（）/-]"
FOOD_BUSINESS_LICENCE = r"^JY[0-9]{14}$"
FOOD_PRODUCTION_LICENCE = r"^SC[0-9]{14}$"
EQUIPMENT_REGISTRATION = rf"^{_REGISTRATION_CHARS}*[0-9]{_REGISTRATION_CHARS}*$"
# Every licence kind's number fits this shape; the kind's own rule is checked after it.
LICENCE_NUMBER = EQUIPMENT_REGISTRATION
HEALTH_CERTIFICATE = r"^[0-9A-Z]*[0-9][0-9A-Z]*$"
BADGE = r"^[A-Z]{0,4}[0-9]{6,16}$"
PHONE = r"^\+?[0-9]{7,15}$"
_OPEN, _CLOSE = "〔[(（［", "〕])）］"
DECISION = (rf"^[{_HAN}]{{1,20}}罚字?[{re.escape(_OPEN)}]([0-9]{{4}})[{re.escape(_CLOSE)}]"
            rf"第?[0-9]{{1,6}}号$")


def _matches(pattern: str, value: str, message: str, **params: str) -> str:
    if not re.fullmatch(pattern.removeprefix("^").removesuffix("$"), value):
        raise Invalid(message, **params)
    return value


def business_licence(number: str, *, business_code: str) -> str:
    code = number.strip().upper()
    if code != business_code:
        raise Invalid("A business licence's number is the business's unified social credit "
                      "code, {code}.", code=business_code)
    return code


def food_business_licence(number: str) -> str:
    return _matches(FOOD_BUSINESS_LICENCE, number.strip().upper(),
                    N_("A food business licence number is JY followed by 14 digits."))


def food_production_licence(number: str) -> str:
    return _matches(FOOD_PRODUCTION_LICENCE, number.strip().upper(),
                    N_("A food production licence number is SC followed by 14 digits."))


def equipment_registration(number: str) -> str:
    return _matches(EQUIPMENT_REGISTRATION, number.strip(),
                    N_("A registration number has Chinese characters, letters, digits, brackets "
                       "or hyphens, and at least one digit."))


def health_certificate(number: str) -> str:
    return _matches(HEALTH_CERTIFICATE, number.strip().upper(),
                    N_("A health certificate number has digits and capital letters, "
                       "at least one digit."))


def phone(value: str) -> str:
    """The number without spaces and hyphens; "" where none is given."""
    digits = re.sub(r"[\s-]", "", value)
    return _matches(PHONE, digits, N_("This does not look like a phone number.")) if digits else ""


def badge(number: str) -> str:
    return _matches(BADGE, number.strip().upper(),
                    N_("A badge number is 6 to 16 digits, after at most four capital letters."))


def decision(number: str) -> str:
    """The number with its year in 〔〕."""
    found = re.fullmatch(DECISION.removeprefix("^").removesuffix("$"), number.strip())
    if found is None:
        raise Invalid("A decision number reads like 穗天市监罚〔2026〕12号.")
    start, end = found.span(1)
    return f"{number.strip()[:start - 1]}〔{found.group(1)}〕{number.strip()[end + 1:]}"


def decision_year(number: str, *, decided_on: date) -> None:
    """A decision is numbered in the year it is made."""
    found = re.search(r"〔([0-9]{4})〕", number)
    if found is not None and int(found.group(1)) != decided_on.year:
        raise Invalid("The year in the decision number must be the year of the decision, {year}.",
                      year=str(decided_on.year))


def documented(pattern: str, **constraints: Any) -> Any:
    """A pydantic Field whose pattern the OpenAPI document states, while the kind's own function
    (a field validator) does the checking, with a message people can read instead of a regex."""
    return Field(json_schema_extra={"pattern": pattern}, **constraints)
