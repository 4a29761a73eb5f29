"""A business keeps its staff and licences current from /me/papers: plain forms (no script), the
CSRF and one-time tokens, field errors that keep what was typed, and the public page following."""

import re

import pytest

from backend.users.schemas import Role
from tests import factories
from tests.portal.conftest import ENGLISH, form_token, sign_in, unlabelled_controls

PAGE = "/me/papers"
_ONCE = re.compile(r'name="once"[^>]*value="([\w-]+)"|value="([\w-]+)"[^>]*name="once"')


@pytest.fixture(scope="module")
def scene(db):
    factories.unit(db, id="U-TH", districts=("天河区",))
    code = factories.business(db, name="纸面小馆")
    factories.staff_member(db, code, name="刘一手", expires_in_days=-4)
    factories.staff_member(db, code, name="陈二厨", expires_in_days=200)
    return {"code": code, "shop": factories.user(db, role=Role.ENTERPRISE, business_code=code),
            "officer": factories.user(db, role=Role.OFFICER, officer_id=factories.officer(db))}


def _member_id(db, code, name):
    return str(db.staff.find_one({"business_code": code, "name": name})["_id"])


def _public(api, code):
    return api.get(f"/api/v1/businesses/{code}").json()


def _send(site, path, data):
    """As a browser sends the page's form: this browser's CSRF token and a fresh one-time token."""
    page = site.get(PAGE, headers=ENGLISH).text
    found = _ONCE.search(page)
    assert found, "no one-time token on the page"
    return site.post(path, data={**data, "csrf_token": form_token(site, PAGE),
                                 "once": found.group(1) or found.group(2)},
                     headers=ENGLISH, follow_redirects=False)


def test_the_page_is_plain_html_linked_from_the_workspace(site, scene):
    sign_in(site, scene["shop"])
    assert f'href="{PAGE}"' in site.get("/me", headers=ENGLISH).text
    response = site.get(PAGE, headers=ENGLISH)
    assert response.status_code == 200
    page = response.text
    assert "<script" not in page.split('id="react-entry-point"')[1]  # served whole, no takeover
    assert "Staff and licences" in page and "刘一手" in page and "陈二厨" in page  # its own staff in full
    assert "Expired" in page and "Valid" in page
    assert 'id="papers-add"' in page and 'id="papers-licence"' in page
    assert page.count('action="/me/papers/staff/') >= 4  # renew and departure, per member
    assert 'method="post"' in page and 'name="csrf_token"' in page and 'name="once"' in page
    assert unlabelled_controls(page) == []
    assert "13812345678" not in page  # phones are not shown back either


def test_no_other_account_gets_the_page(site, scene, db):
    sign_in(site, factories.user(db, role=Role.CONSUMER))  # officers: test_papers_for_officers.py
    response = site.get(PAGE, headers=ENGLISH)
    assert response.status_code == 403 and "for a business's own account" in response.text
    site.cookies.clear()
    assert site.get(PAGE, follow_redirects=False).status_code == 303  # to sign in


def test_renewing_a_certificate_replaces_the_expired_one(site, scene, db, api):
    sign_in(site, scene["shop"])
    member = _member_id(db, scene["code"], "刘一手")
    response = _send(site, f"{PAGE}/staff/{member}/certificate", {
        "number": "JK2026P0001", "issued_on": str(factories.days_from_today(-1)),
        "expires_on": str(factories.days_from_today(364))})
    assert response.status_code == 303 and response.headers["location"] == f"{PAGE}?done=renewed"
    said = site.get(response.headers["location"], headers=ENGLISH).text
    assert "The new certificate is recorded" in said and "JK2026P0001" in said
    shown = [(row["masked_name"], row["certificate_status"])
             for row in _public(api, scene["code"])["staff"]["members"]]
    assert sorted(shown) == [("刘**", "valid"), ("陈**", "valid")]
    stored = db.staff.find_one({"health_certificate_number": "JK2026P0001"})
    assert len(stored["certificate_history"]) == 1


def test_a_bad_date_is_marked_on_its_field_and_the_typed_values_stay(site, scene, db):
    sign_in(site, scene["shop"])
    member = _member_id(db, scene["code"], "陈二厨")
    typed = {"number": "JK2026Q0042", "issued_on": str(factories.days_from_today(-1)),
             "expires_on": str(factories.days_from_today(-30))}
    response = _send(site, f"{PAGE}/staff/{member}/certificate", typed)
    assert response.status_code == 422
    page = response.text
    assert "A health certificate cannot expire before it is issued." in page
    assert re.search(rf'id="renew-{member}-expires_on"[^>]*aria-invalid="true"', page) or re.search(
        rf'aria-invalid="true"[^>]*id="renew-{member}-expires_on"', page)
    assert f'id="renew-{member}-expires_on-error"' in page
    assert re.search(rf'<details open>\s*<summary>Renew the certificate</summary>\s*<form[^>]*'
                     rf'renew-{member}', page)  # the refused form is drawn open
    assert 'value="JK2026Q0042"' in page and f'value="{typed["expires_on"]}"' in page
    assert db.staff.count_documents({"health_certificate_number": "JK2026Q0042"}) == 0
    future = _send(site, f"{PAGE}/staff", {
        "name": "新来的", "position": "帮厨", "phone": "", "health_certificate_number": "JK2026Q0043",
        "certificate_issued_on": str(factories.days_from_today(3)),
        "certificate_expires_on": str(factories.days_from_today(300))})
    assert future.status_code == 422 and "cannot be issued in the future" in future.text
    assert 'id="papers-add-certificate_issued_on-error"' in future.text
    assert 'value="新来的"' in future.text and 'value="JK2026Q0043"' in future.text


def test_adding_a_member_then_recording_the_departure(site, scene, db, api):
    sign_in(site, scene["shop"])
    added = _send(site, f"{PAGE}/staff", {
        "name": "周小厨", "position": "帮厨", "phone": "13900001111",
        "health_certificate_number": "JK2026Q0100",
        "certificate_issued_on": str(factories.days_from_today(-10)),
        "certificate_expires_on": str(factories.days_from_today(355))})
    assert added.status_code == 303 and added.headers["location"] == f"{PAGE}?done=added"
    assert "周**" in [row["masked_name"] for row in _public(api, scene["code"])["staff"]["members"]]
    assert "13900001111" not in api.get(f"/api/v1/businesses/{scene['code']}").text
    member = _member_id(db, scene["code"], "周小厨")
    assert re.search(r'<option value="\w+">周\*\* 帮厨</option>', site.get(f"/b/{scene['code']}").text)
    ahead = _send(site, f"{PAGE}/staff/{member}/departure", {"left_on": str(factories.days_from_today(5))})
    assert ahead.status_code == 422 and "A departure cannot be recorded for a day ahead." in ahead.text
    assert f'id="leave-{member}-left_on-error"' in ahead.text
    left = _send(site, f"{PAGE}/staff/{member}/departure", {"left_on": str(factories.days_from_today(0))})
    assert left.status_code == 303 and left.headers["location"] == f"{PAGE}?done=left"
    page = site.get(left.headers["location"], headers=ENGLISH).text
    assert "Former staff" in page and f"Left on {factories.days_from_today(0)}" in page
    assert f'action="{PAGE}/staff/{member}/certificate"' not in page  # a former member is not renewed
    assert "周**" not in [row["masked_name"] for row in _public(api, scene["code"])["staff"]["members"]]
    assert "周**" not in [row["masked_name"] for row in _public(api, scene["code"])["grades"]["staff"]]
    qr_page = site.get(f"/b/{scene['code']}").text
    assert "周**" not in qr_page and "陈**" in qr_page  # neither listed nor offered in the review form


def test_the_same_form_sent_twice_is_recorded_once(site, scene, db):
    sign_in(site, scene["shop"])
    token = _ONCE.search(site.get(PAGE, headers=ENGLISH).text)
    data = {"name": "双击", "position": "", "phone": "", "health_certificate_number": "JK2026Q0200",
            "certificate_issued_on": str(factories.days_from_today(-1)),
            "certificate_expires_on": str(factories.days_from_today(300)),
            "csrf_token": form_token(site, PAGE), "once": token.group(1) or token.group(2)}
    first = site.post(f"{PAGE}/staff", data=data, headers=ENGLISH, follow_redirects=False)
    again = site.post(f"{PAGE}/staff", data=data, headers=ENGLISH, follow_redirects=False)
    assert (first.status_code, again.status_code) == (303, 303)
    assert again.headers["location"] == first.headers["location"]
    assert db.staff.count_documents({"health_certificate_number": "JK2026Q0200"}) == 1


def test_a_form_without_this_browsers_token_is_refused(site, scene, db):
    sign_in(site, scene["shop"])
    response = site.post(f"{PAGE}/staff", data={"name": "伪造", "health_certificate_number": "JK2026Q0300",
                                               "certificate_issued_on": "2026-01-01",
                                               "certificate_expires_on": "2027-01-01"},
                         headers=ENGLISH, follow_redirects=False)
    assert response.status_code == 403
    assert db.staff.count_documents({"name": "伪造"}) == 0


def test_recording_a_licence_and_its_renewal(site, scene, api):
    sign_in(site, scene["shop"])
    first = {"kind": "food_business_licence", "number": "JY14401060000555",
             "issued_on": str(factories.days_from_today(-1800)),
             "expires_on": str(factories.days_from_today(10)),
             "issuer": "天河区市场监督管理局"}
    assert _send(site, f"{PAGE}/licences", first).headers["location"] == f"{PAGE}?done=licence"
    renewal = first | {"issued_on": str(factories.days_from_today(-1)),
                       "expires_on": str(factories.days_from_today(1825))}
    assert _send(site, f"{PAGE}/licences", renewal).status_code == 303
    listed = [(row["number"], row["issued_on"]) for row in _public(api, scene["code"])["licences"]]
    assert listed == [("JY14401060000555", str(factories.days_from_today(-1)))]
    long_term = {"kind": "business_licence", "number": scene["code"],
                 "issued_on": str(factories.days_from_today(-300)), "expires_on": "", "long_term": "yes"}
    assert _send(site, f"{PAGE}/licences", long_term).status_code == 303
    page = site.get(PAGE, headers=ENGLISH).text
    assert "Valid (long-term)" in page


@pytest.mark.parametrize(("kind", "number", "ticked", "message"), [
    ("food_production_licence", "SC11144010600001", False,
     "Expires on: A food business or food production licence is never long-term: enter its expiry date."),
    ("food_production_licence", "SC11144010600001", True, "is never long-term: enter its expiry date."),
    ("special_equipment_registration", "梯11粤A0000009(26)", False,
     "Expires on: Enter the expiry date, or tick long-term if the licence has none."),
])
def test_a_licence_without_an_expiry_or_the_long_term_box_is_refused_on_its_field(site, scene, db, kind,
                                                                                 number, ticked, message):
    sign_in(site, scene["shop"])
    typed = {"kind": kind, "number": number, "issued_on": str(factories.days_from_today(-3)),
             "expires_on": "", "issuer": "广州市市场监督管理局"} | ({"long_term": "yes"} if ticked else {})
    response = _send(site, f"{PAGE}/licences", typed)
    assert response.status_code == 422 and message in response.text
    assert 'id="papers-licence-expires_on-error"' in response.text
    assert f'value="{number}"' in response.text and "广州市市场监督管理局" in response.text
    assert re.search(rf'<option[^>]*selected[^>]*value="{kind}"|<option[^>]*value="{kind}"[^>]*selected',
                     response.text)
    assert db.licences.count_documents({"number": number}) == 0


def _marked(page, control_id):
    return bool(re.search(rf'id="{control_id}"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*'
                          rf'id="{control_id}"', page)) and f'id="{control_id}-error"' in page


@pytest.fixture(scope="module")
def founded(db):
    """A business established a year ago, with its own account."""
    code = factories.business(db, name="新开小馆", established_on=factories.days_from_today(-365))
    return {"code": code, "shop": factories.user(db, role=Role.ENTERPRISE, business_code=code)}


@pytest.mark.parametrize(("typed", "field", "message"), [
    ({"number": "JY123"}, "number", "A food business licence number is JY followed by 14 digits."),
    ({"issued_on": str(factories.days_from_today(-400))}, "issued_on",
     "is before the business was established"),
    ({"expires_on": str(factories.days_from_today(-30))}, "expires_on",
     "A licence cannot expire before it is issued."),
    ({"expires_on": "2200-01-01"}, "expires_on",
     "A food business or food production licence is valid for at most 1827 days from its issue day"),
])
def test_a_licence_refusal_is_marked_on_its_field(site, founded, db, typed, field, message):
    sign_in(site, founded["shop"])
    data = {"kind": "food_business_licence", "number": "JY14401060000777",
            "issued_on": str(factories.days_from_today(-10)),
            "expires_on": str(factories.days_from_today(1400)), "issuer": "天河区市场监督管理局"} | typed
    response = _send(site, f"{PAGE}/licences", data)
    assert response.status_code == 422 and message in response.text
    assert _marked(response.text, f"papers-licence-{field}")
    assert f'value="{data["number"]}"' in response.text and "天河区市场监督管理局" in response.text
    assert db.licences.count_documents({"business_code": founded["code"]}) == 0


def test_the_staff_name_field_is_a_persons_name_and_a_control_character_is_marked(site, scene, db):
    sign_in(site, scene["shop"])
    page = site.get(PAGE, headers=ENGLISH).text
    assert re.search(r'<label for="papers-add-name">Full name</label>', page)
    typed = {"name": "王\x07伟", "position": "帮厨", "phone": "", "health_certificate_number": "JK2026Q0400",
             "certificate_issued_on": str(factories.days_from_today(-1)),
             "certificate_expires_on": str(factories.days_from_today(300))}
    response = _send(site, f"{PAGE}/staff", typed)
    assert response.status_code == 422 and "U+0007" in response.text
    assert _marked(response.text, "papers-add-name")
    assert 'value="JK2026Q0400"' in response.text and 'value="帮厨"' in response.text
    assert db.staff.count_documents({"health_certificate_number": "JK2026Q0400"}) == 0


@pytest.mark.parametrize(("typed", "field", "message"), [
    ({"phone": "<i>"}, "phone", "This does not look like a phone number."),
    ({"certificate_expires_on": "2099-12-31"}, "certificate_expires_on",
     "A health certificate is valid for at most 731 days"),
])
def test_an_implausible_phone_or_validity_is_refused_on_its_field(site, scene, db, typed, field, message):
    sign_in(site, scene["shop"])
    data = {"name": "郑十", "position": "收银员", "phone": "", "health_certificate_number": "JK2026Q0500",
            "certificate_issued_on": str(factories.days_from_today(-1)),
            "certificate_expires_on": str(factories.days_from_today(300))} | typed
    response = _send(site, f"{PAGE}/staff", data)
    assert response.status_code == 422 and message in response.text
    assert _marked(response.text, {"phone": "papers-add-phone"}.get(field, f"papers-add-{field}"))
    assert db.staff.count_documents({"health_certificate_number": "JK2026Q0500"}) == 0


def test_a_phone_is_kept_without_its_spaces_and_hyphens(site, scene, db):
    sign_in(site, scene["shop"])
    added = _send(site, f"{PAGE}/staff", {
        "name": "冯十一", "position": "", "phone": "139-1234 5678",
        "health_certificate_number": "JK2026Q0600",
        "certificate_issued_on": str(factories.days_from_today(-1)),
        "certificate_expires_on": str(factories.days_from_today(300))})
    assert added.status_code == 303
    assert db.staff.find_one({"health_certificate_number": "JK2026Q0600"})["phone"] == "13912345678"


def test_an_expiry_warning_says_when_its_certificate_was_renewed_since(site, db):
    from backend.expiry import service as expiry
    code = factories.business(db, name="提醒小馆")
    factories.staff_member(db, code, name="钟欣怡", expires_in_days=2)
    factories.staff_member(db, code, name="袁小明", expires_in_days=5)
    expiry.scan(db)
    shop = factories.user(db, role=Role.ENTERPRISE, business_code=code)
    sign_in(site, shop)
    before = site.get("/me", headers=ENGLISH).text
    assert "Renewed since" not in before and "钟欣怡" in before and "袁小明" in before
    member = _member_id(db, code, "钟欣怡")
    renewed = _send(site, f"{PAGE}/staff/{member}/certificate", {
        "number": "JK2026P0900", "issued_on": str(factories.days_from_today(0)),
        "expires_on": str(factories.days_from_today(365))})
    assert renewed.status_code == 303
    page = site.get("/me", headers=ENGLISH).text
    warnings = page[page.index("Expiry warnings"):]
    rows = re.findall(r"<li>.*?</li>", warnings, re.S)
    renewed_row = next(row for row in rows if "钟欣怡" in row)
    other_row = next(row for row in rows if "袁小明" in row)
    assert "Renewed since" in renewed_row and "Renewed since" not in other_row


def test_a_certificate_number_on_record_is_refused_on_its_field_as_typed(site, scene, db):
    """Renewing with the member's own number, another member's or an earlier one, or adding a
    member with a number renewed since: each is a number on record, refused as adding one is."""
    sign_in(site, scene["shop"])
    code = scene["code"]
    factories.staff_member(db, code, name="卫续证", expires_in_days=20)
    member = _member_id(db, code, "卫续证")
    first = db.staff.find_one({"business_code": code, "name": "卫续证"})["health_certificate_number"]
    renewed = _send(site, f"{PAGE}/staff/{member}/certificate", {
        "number": "JK2026P0700", "issued_on": str(factories.days_from_today(-1)),
        "expires_on": str(factories.days_from_today(364))})
    assert renewed.status_code == 303
    another = db.staff.find_one({"business_code": code, "name": "陈二厨"})["health_certificate_number"]
    for number in ("JK2026P0700", first, another):
        typed = {"number": number, "issued_on": str(factories.days_from_today(0)),
                 "expires_on": str(factories.days_from_today(365))}
        response = _send(site, f"{PAGE}/staff/{member}/certificate", typed)
        assert response.status_code == 409, number
        assert f"Health certificate {number} is already recorded for this business." in response.text
        assert _marked(response.text, f"renew-{member}-number")
        assert f'value="{number}"' in response.text and f'value="{typed["expires_on"]}"' in response.text
    stored = db.staff.find_one({"business_code": code, "name": "卫续证"})
    assert stored["health_certificate_number"] == "JK2026P0700" and len(stored["certificate_history"]) == 1
    added = _send(site, f"{PAGE}/staff", {
        "name": "柏新人", "position": "帮厨", "phone": "", "health_certificate_number": first,
        "certificate_issued_on": str(factories.days_from_today(-1)),
        "certificate_expires_on": str(factories.days_from_today(300))})
    assert added.status_code == 409 and f"Health certificate {first} is already recorded" in added.text
    assert _marked(added.text, "papers-add-number") and 'value="柏新人"' in added.text
    assert db.staff.count_documents({"name": "柏新人"}) == 0
