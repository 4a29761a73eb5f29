"""Identifiers minted for demo records: credit codes, licence and certificate numbers, decisions."""

from collections import defaultdict

from backend.businesses import credit_code

_BASE = len(credit_code.ALPHABET)  # 31
_ORG_DIGITS = 7  # after the "MA" that new organisation codes start with
ORG_SPACE = _BASE**_ORG_DIGITS
# Room left above a seed's starting point, so that no run of up to this many businesses wraps.
MOST_BUSINESSES = 100_000_000


def _base31(number: int, digits: int) -> str:
    chars = []
    for _ in range(digits):
        number, rest = divmod(number, _BASE)
        chars.append(credit_code.ALPHABET[rest])
    return "".join(reversed(chars))


def organisation_code(index: int, offset: int) -> str:
    """The 9-character organisation code of the index-th business: "MA" and a base-31 serial, as
    registration offices hand them out in sequence. Unique for every index below
    MOST_BUSINESSES, with no set of a million codes to keep; and consecutive businesses get
    neighbouring codes, so index inserts at scale append instead of landing all over the B-tree."""
    assert 0 <= offset <= ORG_SPACE - MOST_BUSINESSES and 0 <= index < MOST_BUSINESSES
    return "MA" + _base31(offset + index, _ORG_DIGITS)


def business_code(index: int, *, subject: str, division: str, offset: int) -> str:
    """A valid GB 32100-2015 code: authority and type, division, organisation code, check."""
    return credit_code.complete(subject + division + organisation_code(index, offset))


def food_licence_number(index: int, *, division: str, production: bool) -> str:
    """SC for food production (食品生产许可证), JY for food business (食品经营许可证)."""
    prefix = "SC1" if production else "JY2"
    return f"{prefix}{division}{index:07d}"


def equipment_registration_number(index: int, year: int) -> str:
    """Special-equipment registration (使用登记证), in the elevator format 梯11粤A…(yy)."""
    return f"梯11粤A{index:07d}({year % 100:02d})"


def health_certificate_number(index: int, member: int, *, division: str, year: int) -> str:
    return f"{division}{year}{index:07d}{member}"


def badge_number(division: str, serial: int) -> str:
    """Law-enforcement certificate number (执法证号): the unit's division and a serial."""
    return f"{division}{serial:05d}"


class DecisionNumbers:
    """Hands out penalty decision numbers per district office and year, 穗天市监罚〔2026〕12号."""

    def __init__(self, city_abbreviation: str) -> None:
        self.city = city_abbreviation
        self._issued: defaultdict[tuple[str, int], int] = defaultdict(int)

    def next(self, district_abbreviation: str, year: int) -> str:
        self._issued[(district_abbreviation, year)] += 1
        serial = self._issued[(district_abbreviation, year)]
        return f"{self.city}{district_abbreviation}市监罚〔{year}〕{serial}号"
