"""A business with a full public record, built through the real services, for the portal tests."""

import re
from dataclasses import dataclass
from datetime import date

import pytest

from backend.inspections import service as inspections
from backend.inspections.schemas import InspectionCreate
from backend.licences import service as licences
from backend.licences.schemas import LicenceCreate
from backend.penalties import service as penalties
from backend.penalties.schemas import PenaltyCreate
from backend.purchases import service as purchases
from backend.purchases.schemas import PurchaseCreate, RapidTestCreate
from backend.staff import service as staff
from backend.staff.schemas import StaffCreate
from tests import factories
from tests.factories import ADMIN, days_from_today

# Assertions read English text: it stays English after the Chinese catalogs are filled in.
ENGLISH = {"Accept-Language": "en"}
_CSRF_FIELD = re.compile(r'name="csrf_token"[^>]*value="([0-9a-f]+)"'
                         r'|value="([0-9a-f]+)"[^>]*name="csrf_token"')


def form_token(site, path: str) -> str:
    """The CSRF token a browser would find in the form on `path` (its cookie lands in `site`)."""
    match = _CSRF_FIELD.search(site.get(path, headers=ENGLISH).text)
    assert match, f"no CSRF field on {path}"
    return match.group(1) or match.group(2)


@dataclass
class Seeded:
    code: str
    name: str
    officer_id: str
    officer_badge: str
    decision_number: str


def _licence(db, code: str, kind: str, number: str, expires_on: date | None) -> None:
    licences.record(db, actor=ADMIN, code=code, data=LicenceCreate(
        kind=kind, number=number, issued_on=days_from_today(-700), expires_on=expires_on))


def _staff(db, code: str, name: str, expires_in: int) -> None:
    staff.record(db, actor=ADMIN, code=code, data=StaffCreate(
        name=name, position="厨师", health_certificate_number=f"JK2026{expires_in + 1000:06d}",
        certificate_issued_on=days_from_today(-300), certificate_expires_on=days_from_today(expires_in)))


def seed_record(db, *, name: str = "明亮小厨") -> Seeded:
    code = factories.business(db, name=name)
    _licence(db, code, "food_business_licence", "JY14401060000001", days_from_today(23))
    _licence(db, code, "business_licence", code, None)  # 三证合一: numbered by the credit code
    _licence(db, code, "special_equipment_registration", "梯11粤A0000001(24)", days_from_today(-5))
    _staff(db, code, "张三丰", 200)
    _staff(db, code, "李小龙", 30)
    _staff(db, code, "王五", -3)
    first, second = factories.officer(db, name="赵执法"), factories.officer(db, name="钱执法")
    record = inspections.record(db, actor=ADMIN, data=InspectionCreate(
        business_code=code, date=days_from_today(-10), source="random_draw",
        officer_ids=[first, second], checked_items=["食品贮存"], items_found=["冰箱生熟混放"],
        result="basically_compliant",
        rectification_deadline=days_from_today(5)))
    decided_on = days_from_today(-30)
    decision = f"穗天市监罚〔{decided_on.year}〕{int(code[-7:-1], 36) % 10**6}号"
    penalties.record(db, actor=ADMIN, data=PenaltyCreate(
        business_code=code, decision_number=decision, facts="使用超过保质期的食品原料",
        legal_basis="《食品安全法》第一百二十四条", measures=["fine"], fine_yuan=50000,
        decided_on=decided_on))
    purchases.record_purchase(db, actor=ADMIN, code=code, data=PurchaseCreate(
        item="五花肉", supplier="天河肉联厂", batch="B20260101", purchased_on=days_from_today(-2)))
    purchases.record_rapid_test(db, actor=ADMIN, code=code, data=RapidTestCreate(
        item="小白菜", test="农药残留", tested_on=days_from_today(-1), result="pass"))
    return Seeded(code=code, name=name, officer_id=first,
                  officer_badge=record.officers[0].badge_number, decision_number=decision)


@pytest.fixture(scope="module")
def seeded(db) -> Seeded:
    return seed_record(db)


def sign_in(site, username: str, password: str = factories.PASSWORD) -> None:
    """Signs `site` (a test client, i.e. one browser) in as `username` through the plain form."""
    site.cookies.clear()
    response = site.post("/login", data={"username": username, "password": password, "next": "/me",
                                         "csrf_token": form_token(site, "/login")},
                         headers=ENGLISH, follow_redirects=False)
    assert response.status_code == 303, response.text


def post_form(site, path: str, data: dict, *, page: str | None = None):
    """Posts `data` as the form on `page` (default `path`) would, with this browser's token."""
    token = form_token(site, page or path)
    return site.post(path, data={**data, "csrf_token": token}, headers=ENGLISH,
                     follow_redirects=False)


def refused_unless_admin(site, page: str, officer: str):
    """An administrators' page: the signed out are sent to sign in, an officer refused (403)."""
    site.cookies.clear()
    assert site.get(page, follow_redirects=False).status_code == 303
    sign_in(site, officer)
    refused = site.get(page, headers=ENGLISH)
    assert refused.status_code == 403 and "Only an administrator may do this." in refused.text
    return refused


def marked_invalid(html: str, name: str):
    """The control named `name` (input, textarea or select), marked aria-invalid on a refusal."""
    return re.search(rf'<(input|textarea|select)[^>]*name="{name}"[^>]*aria-invalid="true"', html) or \
        re.search(rf'<(input|textarea|select)[^>]*aria-invalid="true"[^>]*name="{name}"', html)


def unlabelled_controls(html: str) -> list[str]:
    """The form controls in a page's server HTML that no <label for=…> names (hidden fields and
    buttons need none)."""
    from html.parser import HTMLParser

    class Controls(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.controls: list[tuple[str, str]] = []
            self.labelled: set[str] = set()

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            found = dict(attrs)
            if tag == "label" and found.get("for"):
                self.labelled.add(found["for"] or "")
            elif tag in ("input", "select", "textarea") and found.get("type") not in (
                    "hidden", "submit", "button"):
                self.controls.append((found.get("id") or "", found.get("name") or tag))

    parser = Controls()
    parser.feed(html)
    return [name for control_id, name in parser.controls if control_id not in parser.labelled]
