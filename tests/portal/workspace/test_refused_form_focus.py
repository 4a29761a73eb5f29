"""A refused workspace form comes back opened at itself: on a phone the page reloads at its top and
the form may be screens below, so the browser focuses (and scrolls to) its first refused field, or
its reason where the refusal names no field."""

import re

import pytest

from backend.users.schemas import Role
from tests import factories
from tests.portal.conftest import ENGLISH, form_token, post_form, sign_in

_ONCE = re.compile(r'name="once"[^>]*value="([\w-]+)"|value="([\w-]+)"[^>]*name="once"')


@pytest.fixture(scope="module")
def scene(db):
    factories.unit(db, id="U-TH", districts=("天河区",))
    officer = factories.officer(db)
    code = factories.business(db, name="聚焦小馆")
    inspection = factories.inspection(db, code, [officer, factories.officer(db)], result="non_compliant")
    factories.staff_member(db, code, name="刘一手", expires_in_days=-4)
    return {"code": code, "inspection": inspection,
            "shop": factories.user(db, role=Role.ENTERPRISE, business_code=code)}


def autofocused(html: str) -> list[str]:
    """The start tags a browser may focus on load (it focuses the first)."""
    return re.findall(r"<[a-z]+ [^>]*\bautofocus\b[^>]*>", html)


def test_a_refused_field_is_focused(site, scene):
    sign_in(site, scene["shop"])
    page = site.get("/me/papers", headers=ENGLISH).text
    assert autofocused(page) == []  # nothing refused: the page opens at its top
    once = _ONCE.search(page)
    refused = site.post("/me/papers/staff", headers=ENGLISH, data={
        "name": "王小二", "health_certificate_number": "JK2026000123",
        "certificate_issued_on": factories.days_from_today(30).isoformat(),
        "certificate_expires_on": factories.days_from_today(300).isoformat(),
        "csrf_token": form_token(site, "/me/papers"), "once": once.group(1) or once.group(2)})
    assert refused.status_code == 422
    [focused] = autofocused(refused.text)
    assert 'aria-invalid="true"' in focused and 'name="certificate_issued_on"' in focused


def test_a_refusal_that_names_no_field_focuses_its_reason(site, scene):
    sign_in(site, scene["shop"])
    objection = {"record": f"inspection|{scene['inspection']}", "reason": "检查当天冷藏设施正在维修"}
    assert post_form(site, "/me/objection", objection, page="/me").status_code == 303
    again = post_form(site, "/me/objection", objection, page="/me")
    assert again.status_code == 409
    [focused] = autofocused(again.text)
    assert focused.startswith("<p ") and 'tabindex="-1"' in focused and "notice-bad" in focused
    reason = again.text[again.text.index(focused):].split("</p>")[0]
    assert "An objection to this record is already waiting for an answer." in reason


def test_a_form_refused_as_too_long_focuses_that_field(site, scene):
    sign_in(site, scene["shop"])
    refused = post_form(site, "/me/objection", {"record": f"inspection|{scene['inspection']}",
                                                "reason": "依据有误" * 1001}, page="/me")
    assert refused.status_code == 422
    [focused] = autofocused(refused.text)
    assert focused.startswith("<textarea ") and 'id="objection-reason"' in focused
