"""A business's licences and its staff's health certificates, some expiring and some expired."""

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from backend.businesses.schemas import Trade
from backend.licences.schemas import LicenceKind
from backend.seed import codes, people
from backend.seed.context import Context, recorded_at, stored
from backend.seed.places import CITY, District
from backend.seed.shops import ENTERPRISE, FOOD_TRADES
from backend.staff.schemas import SEPARATE_PERSON

FOOD_LICENCE_YEARS = 5  # 食品经营许可证 and 食品生产许可证 are valid five years
HEALTH_CERTIFICATE_DAYS = 365
EQUIPMENT_INSPECTION_DAYS = 365  # elevators: periodic inspection (定期检验) every year
EQUIPMENT_SHARE_OF_OTHER_TRADES = 0.08  # restaurants and supermarkets with their own lift


def expiry(ctx: Context, *, valid_days: int, expiring: float, expired: float) -> date:
    """An expiry day in a chosen band rather than uniform, so that even a small demo shows
    every badge (valid, expiring within the warning window, expired)."""
    band = ctx.rng.random()
    if band < expired:
        return ctx.days_ago(ctx.rng.randint(1, 365))
    if band < expired + expiring:
        return ctx.today + timedelta(days=ctx.rng.randint(0, ctx.expiring_within_days))
    return ctx.today + timedelta(days=ctx.rng.randint(ctx.expiring_within_days + 1, valid_days))


def _first_issue(registered: date, issued_on: date, expires_on: date,
                 valid_for: Callable[[date], date]) -> tuple[date, date]:
    """A document whose cycle would begin before the business was founded is its first one,
    issued on the founding day (成立日期) and valid from it: no form takes an issue day before."""
    if issued_on >= registered:
        return issued_on, expires_on
    return registered, valid_for(registered)


def _licence(business: dict[str, Any], kind: LicenceKind, number: str, issued_on: date,
             expires_on: date | None, issuer: str) -> dict[str, Any]:
    return {"business_code": business["code"], "kind": kind.value, "number": number,
            "issued_on": stored(issued_on), "expires_on": stored(expires_on), "issuer": issuer,
            "created_at": recorded_at(issued_on)}


def _years_later(day: date, years: int) -> date:
    leap_day = (day.month, day.day) == (2, 29)
    return day.replace(year=day.year + years, day=28 if leap_day else day.day)


def licences(ctx: Context, index: int, business: dict[str, Any], *, district: District,
             subject: str, registered: date) -> list[dict[str, Any]]:
    issuer = f"{CITY}{district.name}市场监督管理局"
    # Since 三证合一 the business licence carries the credit code as its number; companies
    # register an operating term, individual businesses are long-term (长期).
    term = _years_later(registered, ctx.rng.choice((20, 30))) if subject == ENTERPRISE else None
    found = [_licence(business, LicenceKind.BUSINESS_LICENCE, business["code"], registered, term,
                      issuer)]
    trade = Trade(business["trade"])
    if trade in FOOD_TRADES:
        expires_on = expiry(ctx, valid_days=FOOD_LICENCE_YEARS * 365, expiring=0.1, expired=0.1)
        issued_on, expires_on = _first_issue(
            registered, _years_later(expires_on, -FOOD_LICENCE_YEARS) + timedelta(days=1), expires_on,
            lambda day: _years_later(day, FOOD_LICENCE_YEARS) - timedelta(days=1))
        production = trade == Trade.FOOD_PRODUCTION
        number = codes.food_licence_number(index, division=district.division,
                                           production=production)
        kind = LicenceKind.FOOD_PRODUCTION_LICENCE if production else \
            LicenceKind.FOOD_BUSINESS_LICENCE
        found.append(_licence(business, kind, number, issued_on, expires_on, issuer))
    if (trade == Trade.SPECIAL_EQUIPMENT_USER
            or ctx.rng.random() < EQUIPMENT_SHARE_OF_OTHER_TRADES):
        # The registration's expiry is the next periodic inspection, which is what lapses.
        due = expiry(ctx, valid_days=EQUIPMENT_INSPECTION_DAYS, expiring=0.1, expired=0.05)
        issued_on, due = _first_issue(registered, due - timedelta(days=EQUIPMENT_INSPECTION_DAYS), due,
                                      lambda day: day + timedelta(days=EQUIPMENT_INSPECTION_DAYS))
        found.append(_licence(business, LicenceKind.SPECIAL_EQUIPMENT_REGISTRATION,
                              codes.equipment_registration_number(index, issued_on.year),
                              issued_on, due, f"{CITY}市场监督管理局"))
    return found


def staff(ctx: Context, index: int, business: dict[str, Any], *, district: District,
          registered: date) -> list[dict[str, Any]]:
    rng = ctx.rng
    members = []
    for member in range(rng.randint(2, 8)):
        expires_on = expiry(ctx, valid_days=HEALTH_CERTIFICATE_DAYS, expiring=0.15, expired=0.1)
        issued_on, expires_on = _first_issue(
            registered, expires_on - timedelta(days=HEALTH_CERTIFICATE_DAYS), expires_on,
            lambda day: day + timedelta(days=HEALTH_CERTIFICATE_DAYS))
        members.append({
            "name": people.person_name(rng), "position": people.position(rng, business["trade"]),
            "phone": people.mobile(rng),
            "health_certificate_number": codes.health_certificate_number(
                index, member, division=district.division, year=issued_on.year),
            "certificate_issued_on": stored(issued_on),
            "certificate_expires_on": stored(expires_on),
            "business_code": business["code"], "created_at": recorded_at(issued_on),
            "left_on": None, SEPARATE_PERSON: True})  # as staff.service.record stores a member
    return members
