"""The equipment QR page (/e/<code>) and its fault form, before and without any script."""

import pytest

from backend.equipment import service as equipment
from backend.equipment.schemas import EquipmentCreate
from backend.qr import signature
from backend.qr.signature import PageKind
from tests import factories
from tests.factories import ADMIN, days_from_today
from tests.portal.conftest import ENGLISH, form_token

CODE = "31104401062019000077"
LATE = "33104401062019000078"


@pytest.fixture(scope="module")
def shop(db):
    factories.unit(db, id="U-TH", districts=("天河区",))
    code = factories.business(db, name="恒福大厦", trade="special_equipment_user")
    equipment.register(db, actor=ADMIN, data=EquipmentCreate(
        code=CODE, registration_number="梯11粤A0000077(19)", kind="elevator", business_code=code,
        place="1号客梯", maintenance_company="广州通力电梯工程有限公司",
        last_maintained_on=days_from_today(-2), next_inspection_on=days_from_today(90)))
    equipment.register(db, actor=ADMIN, data=EquipmentCreate(
        code=LATE, registration_number="梯11粤A0000078(19)", kind="escalator", business_code=code,
        last_maintained_on=days_from_today(-16), next_inspection_on=days_from_today(-1)))
    return code


def _entry(html: str) -> str:
    start = html.index('<div id="react-entry-point">')
    return html[start:html.index("</div>\n", html.index("</article>", start))]


def test_facts_are_in_the_first_response(site, shop):
    response = site.get(f"/e/{CODE}", headers=ENGLISH)
    assert response.status_code == 200
    content = _entry(response.text)
    for text in (CODE, "梯11粤A0000077(19)", "恒福大厦", "广州通力电梯工程有限公司",
                 str(days_from_today(-2)), str(days_from_today(90)),
                 "Maintenance and periodic inspection are up to date."):
        assert text in content
    assert f'href="/b/{shop}"' in content


def test_overdue_warnings_show(site, shop):
    content = _entry(site.get(f"/e/{LATE}", headers=ENGLISH).text)
    assert "Maintenance overdue" in content and "more than 15 days" in content
    assert f"Inspection overdue: the periodic inspection was due on {days_from_today(-1)}" in content


def test_signed_sticker_address_is_verified(site, shop):
    url = signature.sticker_url(CODE, PageKind.EQUIPMENT)
    signed = site.get(url[url.index("/e/"):], headers=ENGLISH).text
    assert 'id="equipment-verified"' in signed
    forged = site.get(f"/e/{CODE}?s={signature.sign(CODE)}", headers=ENGLISH).text
    assert "signature is wrong" in forged
    unsigned = site.get(f"/e/{CODE}", headers=ENGLISH).text  # a forged sticker may just leave it out
    assert "has no official signature" in unsigned and 'id="equipment-verified"' not in unsigned
    # what to check on a lift: its code and user unit (a shop's name and address it has not)
    assert "check that the equipment code and the user unit below match" in unsigned
    assert "name and address" not in unsigned


def test_missing_and_malformed_codes(site):
    assert site.get("/e/NOPE0000", headers=ENGLISH).status_code == 404
    assert site.get("/e/电梯", headers=ENGLISH).status_code == 422  # as the API answers


def test_fault_form_posts_without_scripts(db, site, shop):
    db.rate_limits.delete_many({})
    token = form_token(site, f"/e/{CODE}")
    response = site.post(f"/e/{CODE}/fault", headers=ENGLISH,
                         data={"text": "按钮失灵", "phone": "13800002222", "csrf_token": token})
    # post/redirect/get: the thanks is a page of its own, which a reload does not send again
    assert response.status_code == 200 and response.history[0].status_code == 303
    assert response.url.path == f"/e/{CODE}/fault/received"
    assert 'id="fault-thanks"' in response.text
    assert "<script" not in _entry(response.text)
    task = db.tasks.find_one({"source": "equipment_fault", "ref": CODE})
    assert task and "按钮失灵" in task["detail"] and task["business_code"] == shop


@pytest.mark.parametrize("text, phone, refusal", [
    ("x", "", "Text: Must be at least 2 characters long."),
    ("锅炉异响" * 251, "", "Text: Must be at most 1000 characters long."),  # refused, not cut
    ("QA: boiler makes a loud bang", "xyz", "Phone: This does not look like a phone number."),
    ("QA: boiler makes a loud bang", "1" * 21, "Phone: Must be at most 20 characters long."),
])
def test_a_refused_fault_names_its_field_and_keeps_what_was_typed(db, site, shop, text, phone, refusal):
    before = db.tasks.count_documents({})
    response = site.post(f"/e/{CODE}/fault", headers=ENGLISH, data={
        "text": text, "phone": phone, "csrf_token": form_token(site, f"/e/{CODE}")})
    assert response.status_code == 422
    assert f'<div id="fault-error"><p class="notice notice-bad" role="alert">{refusal}</p>' in response.text
    assert f">{text}</textarea>" in response.text and f'value="{phone}"' in response.text
    assert db.tasks.count_documents({}) == before


def test_fault_form_needs_the_csrf_token(db, site, shop):
    before = db.tasks.count_documents({})
    response = site.post(f"/e/{CODE}/fault", headers=ENGLISH, data={"text": "电梯异响"})
    assert response.status_code == 403
    assert "电梯异响" in response.text  # nothing the user typed is lost
    assert db.tasks.count_documents({}) == before


def test_each_browser_gets_its_own_token_from_the_cached_page(site, shop):
    first = form_token(site, f"/e/{CODE}")
    site.cookies.clear()
    second = form_token(site, f"/e/{CODE}")
    assert first != second


def test_page_reads_in_chinese(site, shop):
    response = site.get(f"/e/{LATE}", headers={"Accept-Language": "zh-CN"})
    assert "维保逾期：距上次维护保养已超过 15 天。" in response.text
    assert "故障报修" in response.text
