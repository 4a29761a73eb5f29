"""Officers of a business's district, and administrators, keep its staff and licences current from
/me/papers?business=<credit code>, with the same plain forms its own account uses; the services
decide who may, and the audit trail names the officer."""

import re
from urllib.parse import urlencode

import pytest

from backend.users.schemas import Role
from tests import factories
from tests.portal.conftest import ENGLISH, form_token, sign_in, unlabelled_controls

PAGE = "/me/papers"
_ONCE = re.compile(r'name="once"[^>]*value="([\w-]+)"|value="([\w-]+)"[^>]*name="once"')
_PAPERS_FORM = re.compile(r'<form[^>]*action="/me/papers[^"]*"[^>]*>(.*?)</form>', re.S)
_BUSINESS_FIELD = re.compile(r'<input[^>]*name="business"[^>]*>')


@pytest.fixture(scope="module")
def scene(db):
    factories.unit(db, id="U-TH", districts=("天河区",))
    factories.unit(db, id="U-YX", districts=("越秀区",))
    tianhe = factories.business(db, name="天河纸面馆", district="天河区")
    yuexiu = factories.business(db, name="越秀纸面馆", district="越秀区")
    factories.staff_member(db, tianhe, name="孙师傅", expires_in_days=-2)
    factories.staff_member(db, tianhe, name="吴帮厨", expires_in_days=150)
    factories.staff_member(db, yuexiu, name="郑厨师", expires_in_days=100)
    return {"tianhe": tianhe, "yuexiu": yuexiu,
            "officer": factories.user(db, role=Role.OFFICER,
                                      officer_id=factories.officer(db, unit_id="U-TH")),
            "other": factories.user(db, role=Role.OFFICER,
                                    officer_id=factories.officer(db, unit_id="U-YX")),
            "admin": factories.user(db, role=Role.ADMIN),
            "shop": factories.user(db, role=Role.ENTERPRISE, business_code=tianhe)}


def _for(code):
    return f"{PAGE}?{urlencode({'business': code})}"


def _member_id(db, code, name):
    return str(db.staff.find_one({"business_code": code, "name": name})["_id"])


def _send(site, path, data, *, page):
    """As a browser sends a form of `page`: its CSRF token and a fresh one-time token."""
    found = _ONCE.search(site.get(page, headers=ENGLISH).text)
    assert found, f"no one-time token on {page}"
    return site.post(path, data={**data, "csrf_token": form_token(site, page),
                                 "once": found.group(1) or found.group(2)},
                     headers=ENGLISH, follow_redirects=False)


def _last_audit(db, action, code):
    return db.audit.find_one({"action": action, "target": code}, sort=[("seq", -1)])


def _new_member(number, **fields):
    return {"name": "新员工", "position": "帮厨", "phone": "", "health_certificate_number": number,
            "certificate_issued_on": str(factories.days_from_today(-5)),
            "certificate_expires_on": str(factories.days_from_today(300))} | fields


def test_an_officer_without_a_code_is_asked_for_one(site, scene):
    sign_in(site, scene["officer"])
    response = site.get(PAGE, headers=ENGLISH)
    assert response.status_code == 200
    page = response.text
    assert "for a business's own account" not in page
    form = re.search(r'<form[^>]*method="get"[^>]*>.*?</form>|<form[^>]*action="/me/papers"[^>]*method="get"'
                     r'[^>]*>.*?</form>', page, re.S)
    assert form and 'action="/me/papers"' in form.group(0) and 'name="business"' in form.group(0)
    assert '<label for="papers-business">Credit code</label>' in page
    assert 'href="/me/businesses"' in page
    assert unlabelled_controls(page) == []
    assert site.get(f"{PAGE}?business=%20", headers=ENGLISH).status_code == 200  # blank: asked again


def test_an_officer_sees_the_papers_of_a_business_of_their_district(site, scene):
    sign_in(site, scene["officer"])
    code = scene["tianhe"]
    response = site.get(_for(code.lower()), headers=ENGLISH)  # typed in lower case: the same code
    assert response.status_code == 200
    page = response.text
    heading = re.search(r"<h1>(.*?)</h1>", page).group(1)
    assert "天河纸面馆" in heading and code in heading
    assert f'href="/b/{code}"' in page and 'href="/me/businesses"' in page
    assert "孙师傅" in page and "吴帮厨" in page and "郑厨师" not in page
    forms = _PAPERS_FORM.findall(page)
    assert len(forms) >= 6  # add, licence, and renew + departure per member
    for form in forms:
        field = _BUSINESS_FIELD.search(form)
        assert field and 'type="hidden"' in field.group(0) and f'value="{code}"' in field.group(0)
    assert unlabelled_controls(page) == []


@pytest.mark.parametrize(("asked", "status", "message"), [
    ("12345", 422, "A unified social credit code has 18 characters."),
    ("91440106MA5CQ1X2YA", 422, "The check character of this credit code is wrong"),
    (None, 404, "No business is registered under credit code"),
    ("yuexiu", 403, "This business is outside your unit's districts (越秀区)."),
])
def test_a_code_that_opens_nothing_says_why(site, scene, asked, status, message):
    sign_in(site, scene["officer"])
    asked = factories.valid_code() if asked is None else scene.get(asked, asked)
    response = site.get(_for(asked), headers=ENGLISH)
    assert response.status_code == status
    page = response.text
    assert message in page
    assert f'value="{asked}"' in page  # the code typed stays, to correct
    assert "郑厨师" not in page and 'method="post" action="/me/papers' not in page
    if status != 403:
        assert 'id="papers-business-error"' in page  # marked on the field


def test_an_officer_adds_a_member_and_the_audit_names_them(site, scene, db, api):
    sign_in(site, scene["officer"])
    code = scene["tianhe"]
    added = _send(site, f"{PAGE}/staff", _new_member("JK2026R0001", name="钱新人") | {"business": code},
                  page=_for(code))
    assert added.status_code == 303
    assert added.headers["location"] == f"{PAGE}?{urlencode({'business': code, 'done': 'added'})}"
    said = site.get(added.headers["location"], headers=ENGLISH).text
    assert "shows on the business's public page" in said and "钱新人" in said
    assert db.staff.find_one({"health_certificate_number": "JK2026R0001"})["business_code"] == code
    entry = _last_audit(db, "staff.record", code)
    assert (entry["actor"], entry["role"]) == (scene["officer"], "officer")
    shown = [row["masked_name"] for row in api.get(f"/api/v1/businesses/{code}").json()["staff"]["members"]]
    assert "钱**" in shown


def test_an_officer_renews_a_certificate_and_records_a_departure(site, scene, db):
    sign_in(site, scene["officer"])
    code = scene["tianhe"]
    member = _member_id(db, code, "孙师傅")
    renewed = _send(site, f"{PAGE}/staff/{member}/certificate", {
        "business": code, "number": "JK2026R0100", "issued_on": str(factories.days_from_today(-1)),
        "expires_on": str(factories.days_from_today(364))}, page=_for(code))
    assert renewed.headers["location"] == f"{PAGE}?{urlencode({'business': code, 'done': 'renewed'})}"
    stored = db.staff.find_one({"health_certificate_number": "JK2026R0100"})
    assert stored["business_code"] == code and len(stored["certificate_history"]) == 1
    assert _last_audit(db, "staff.renew", code)["actor"] == scene["officer"]
    left = _send(site, f"{PAGE}/staff/{member}/departure",
                 {"business": code, "left_on": str(factories.days_from_today(0))}, page=_for(code))
    assert left.headers["location"] == f"{PAGE}?{urlencode({'business': code, 'done': 'left'})}"
    page = site.get(left.headers["location"], headers=ENGLISH).text
    assert "Former staff" in page and "no longer shows on the business's public page" in page
    assert _last_audit(db, "staff.departure", code)["actor"] == scene["officer"]


def test_an_officer_records_a_licence(site, scene, db, api):
    sign_in(site, scene["officer"])
    code = scene["tianhe"]
    recorded = _send(site, f"{PAGE}/licences", {
        "business": code, "kind": "food_business_licence", "number": "JY14401060009001",
        "issued_on": str(factories.days_from_today(-30)), "expires_on": str(factories.days_from_today(1795)),
        "issuer": "天河区市场监督管理局"}, page=_for(code))
    assert recorded.headers["location"] == f"{PAGE}?{urlencode({'business': code, 'done': 'licence'})}"
    assert [row["number"] for row in api.get(f"/api/v1/businesses/{code}").json()["licences"]] == [
        "JY14401060009001"]
    entry = _last_audit(db, "licence.record", code)
    assert (entry["actor"], entry["role"]) == (scene["officer"], "officer")


def test_a_refused_form_comes_back_for_the_same_business_as_typed(site, scene, db):
    sign_in(site, scene["officer"])
    code = scene["tianhe"]
    response = _send(site, f"{PAGE}/staff", _new_member(
        "JK2026R0200", name="未来人", certificate_issued_on=str(factories.days_from_today(3))) | {
        "business": code}, page=_for(code))
    assert response.status_code == 422
    page = response.text
    assert "cannot be issued in the future" in page and 'id="papers-add-certificate_issued_on-error"' in page
    assert 'value="未来人"' in page and 'value="JK2026R0200"' in page
    assert "天河纸面馆" in re.search(r"<h1>(.*?)</h1>", page).group(1)
    assert all(f'value="{code}"' in _BUSINESS_FIELD.search(form).group(0)
               for form in _PAPERS_FORM.findall(page))
    assert db.staff.count_documents({"health_certificate_number": "JK2026R0200"}) == 0


def test_the_same_form_sent_twice_by_an_officer_is_recorded_once(site, scene, db):
    sign_in(site, scene["officer"])
    code = scene["tianhe"]
    token = _ONCE.search(site.get(_for(code), headers=ENGLISH).text)
    data = _new_member("JK2026R0300", name="双击") | {
        "business": code, "csrf_token": form_token(site, _for(code)),
        "once": token.group(1) or token.group(2)}
    first = site.post(f"{PAGE}/staff", data=data, headers=ENGLISH, follow_redirects=False)
    again = site.post(f"{PAGE}/staff", data=data, headers=ENGLISH, follow_redirects=False)
    assert (first.status_code, again.status_code) == (303, 303)
    assert again.headers["location"] == first.headers["location"]
    assert db.staff.count_documents({"health_certificate_number": "JK2026R0300"}) == 1


def test_an_officer_of_another_district_is_refused_and_nothing_is_stored(site, scene, db):
    sign_in(site, scene["other"])
    code, own = scene["tianhe"], scene["yuexiu"]
    audited = db.audit.count_documents({})
    member = _member_id(db, code, "吴帮厨")
    for path, data in [
        (f"{PAGE}/staff", _new_member("JK2026R0400")),
        (f"{PAGE}/staff/{member}/departure", {"left_on": str(factories.days_from_today(0))}),
        (f"{PAGE}/licences", {"kind": "food_business_licence", "number": "JY14401060009002",
                              "issued_on": str(factories.days_from_today(-3)),
                              "expires_on": str(factories.days_from_today(300)), "issuer": ""}),
    ]:
        response = _send(site, path, data | {"business": code}, page=_for(own))  # tokens of its own page
        assert response.status_code == 403, path
        assert "This business is outside your unit's districts (天河区)." in response.text
    assert db.staff.count_documents({"health_certificate_number": "JK2026R0400"}) == 0
    assert db.staff.find_one({"_id": db.staff.find_one({"name": "吴帮厨"})["_id"]})["left_on"] is None
    assert db.licences.count_documents({"number": "JY14401060009002"}) == 0
    assert db.audit.count_documents({}) == audited


@pytest.mark.parametrize(("business", "status", "message"), [
    ("", 422, "A unified social credit code has 18 characters."),
    ("not-a-code", 422, "A unified social credit code has 18 characters."),
    (None, 404, "No business is registered under credit code"),
])
def test_a_form_naming_no_business_it_can_open_is_refused(site, scene, db, business, status, message):
    sign_in(site, scene["officer"])
    business = factories.valid_code() if business is None else business
    response = _send(site, f"{PAGE}/staff", _new_member("JK2026R0500") | {"business": business},
                     page=_for(scene["tianhe"]))
    assert response.status_code == status and message in response.text
    assert db.staff.count_documents({"health_certificate_number": "JK2026R0500"}) == 0


def test_an_administrator_keeps_any_business(site, scene, db):
    sign_in(site, scene["admin"])
    assert site.get(PAGE, headers=ENGLISH).status_code == 200  # the form asking for a code
    code = scene["yuexiu"]
    page = site.get(_for(code), headers=ENGLISH).text
    assert "越秀纸面馆" in page and "郑厨师" in page
    added = _send(site, f"{PAGE}/staff", _new_member("JK2026R0600", name="管理员加") | {"business": code},
                  page=_for(code))
    assert added.headers["location"] == f"{PAGE}?{urlencode({'business': code, 'done': 'added'})}"
    assert db.staff.find_one({"health_certificate_number": "JK2026R0600"})["business_code"] == code
    entry = _last_audit(db, "staff.record", code)
    assert (entry["actor"], entry["role"]) == (scene["admin"], "admin")


def test_a_business_account_only_ever_keeps_its_own_business(site, scene, db):
    sign_in(site, scene["shop"])
    own, other = scene["tianhe"], scene["yuexiu"]
    page = site.get(_for(other), headers=ENGLISH).text  # asking for another: its own page still
    assert "吴帮厨" in page and "郑厨师" not in page and "<h1>Staff and licences</h1>" in page
    added = _send(site, f"{PAGE}/staff", _new_member("JK2026R0700", name="冒名") | {"business": other},
                  page=PAGE)
    assert added.status_code == 303 and added.headers["location"] == f"{PAGE}?done=added"
    assert db.staff.find_one({"health_certificate_number": "JK2026R0700"})["business_code"] == own
    assert db.staff.count_documents({"business_code": other, "name": "冒名"}) == 0
    other_member = _member_id(db, other, "郑厨师")
    left = _send(site, f"{PAGE}/staff/{other_member}/departure",
                 {"business": other, "left_on": str(factories.days_from_today(0))}, page=PAGE)
    assert left.status_code == 404  # looked for among its own staff only
    assert db.staff.find_one({"business_code": other, "name": "郑厨师"})["left_on"] is None
