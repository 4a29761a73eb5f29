"""Demo accounts (an administrator, two officers, two enterprises) with fixed, printed passwords."""

import unicodedata
from dataclasses import dataclass
from typing import Any

from pymongo.database import Database

from backend.config import get_settings
from backend.qr import signature
from backend.seed.places import DISTRICTS
from backend.users import service as users
from backend.users.schemas import Role, UserCreate

# Demo only: printed on purpose so a first-time user can sign in; never for a real deployment.
ADMIN_PASSWORD = "mingliang-admin-demo"
OFFICER_PASSWORD = "mingliang-officer-demo"
ENTERPRISE_PASSWORD = "mingliang-shop-demo"
OFFICER_USERNAMES = ("officer.tianhe", "officer.yuexiu")  # the first officers of 天河 and 越秀
ENTERPRISE_USERNAMES = ("shop1", "shop2")


@dataclass(frozen=True)
class DemoAccount:
    role: Role
    username: str
    password: str
    bound_to: str
    page: str  # the page that shows what it is bound to, relative to the site's base URL


def _create(db: Database, account: DemoAccount, display_name: str, **bound: str) -> DemoAccount:
    users.create(db, data=UserCreate(username=account.username, password=account.password,
                                     role=account.role, display_name=display_name, **bound))
    return account


def _officers(db: Database, roster: dict[str, list[dict[str, Any]]]) -> list[DemoAccount]:
    found = []
    for username, district in zip(OFFICER_USERNAMES, DISTRICTS, strict=False):
        officer = roster[district.name][0]
        bound = (f"{officer['name']} {officer['id']}"
                 f"（{district.unit_name}，执法证 {officer['badge_number']}）")
        account = DemoAccount(Role.OFFICER, username, OFFICER_PASSWORD, bound,
                              f"/officers/{officer['id']}")
        found.append(_create(db, account, officer["name"], officer_id=officer["id"]))
    return found


def _enterprises(db: Database, businesses: list[dict[str, Any]]) -> list[DemoAccount]:
    found = []
    for username, business in zip(ENTERPRISE_USERNAMES, businesses, strict=False):
        account = DemoAccount(Role.ENTERPRISE, username, ENTERPRISE_PASSWORD,
                              f"{business['name']}（{business['code']}）",
                              # signed like its sticker, so the page shows as the official one
                              f"/b/{business['code']}?s={signature.sign(business['code'])}")
        found.append(_create(db, account, business["name"], business_code=business["code"]))
    return found


def create(db: Database, *, roster: dict[str, list[dict[str, Any]]],
           businesses: list[dict[str, Any]]) -> list[DemoAccount]:
    """Through users.service.create (argon2 hashes); enterprises bound to the given businesses."""
    admin = DemoAccount(Role.ADMIN, "admin", ADMIN_PASSWORD, "全部辖区（administrator）", "/")
    return [_create(db, admin, "系统管理员"), *_officers(db, roster), *_enterprises(db, businesses)]


def _width(text: str) -> int:
    """Columns a terminal gives the text: Chinese characters take two."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def print_accounts(accounts: list[DemoAccount]) -> None:
    base = get_settings().base_url
    rows = [("role", "username", "password", "bound to", "page")]
    rows += [(a.role.value, a.username, a.password, a.bound_to, base + a.page) for a in accounts]
    widths = [max(_width(row[column]) for row in rows) for column in range(len(rows[0]))]
    print("Demo accounts (demo passwords, for this demo database only):")
    for row in rows:
        print(("  " + "  ".join(_pad(c, w) for c, w in zip(row, widths, strict=True))).rstrip())
