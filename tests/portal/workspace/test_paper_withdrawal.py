"""On /me/papers a record entered by mistake is withdrawn with a small plain form (a reason, a box
to confirm, a one-time token); and a form whose record changed meanwhile (a member who left has no
departure form) says why on top of the page instead of coming back silent."""

import re
from urllib.parse import urlencode

import pytest

from backend.users.schemas import Role
from tests import factories
from tests.portal.conftest import ENGLISH, form_token, sign_in, unlabelled_controls

PAGE = "/me/papers"
_ONCE = re.compile(r'name="once"[^>]*value="([\w-]+)"|value="([\w-]+)"[^>]*name="once"')


@pytest.fixture(scope="module")
def scene(db):
    factories.unit(db, id="U-TH", districts=("天河区",))
    code = factories.business(db, name="撤回小馆")
    factories.staff_member(db, code, name="老员工", expires_in_days=120)  # recorded by an administrator
    return {"code": code, "shop": factories.user(db, role=Role.ENTERPRISE, business_code=code),
            "officer": factories.user(db, role=Role.OFFICER, officer_id=factories.officer(db))}


def _token(site, page=PAGE):
    found = _ONCE.search(site.get(page, headers=ENGLISH).text)
    assert found, "no one-time token on the page"
    return found.group(1) or found.group(2)


def _send(site, path, data, *, page=PAGE, once=None):
    return site.post(path, data={**data, "csrf_token": form_token(site, page),
                                 "once": once or _token(site, page)}, headers=ENGLISH, follow_redirects=False)


def _id(db, collection, **match):
    return str(db[collection].find_one(match)["_id"])


def _public(api, code):
    return api.get(f"/api/v1/businesses/{code}").json()


def _autofocused(html):
    return re.findall(r"<[a-z]+ [^>]*\bautofocus\b[^>]*>", html)


def test_a_business_withdraws_the_licence_it_just_mistyped(site, scene, db, api):
    sign_in(site, scene["shop"])
    typo = {"kind": "food_business_licence", "number": "JY14401069999999",
            "issued_on": str(factories.days_from_today(-20)),
            "expires_on": str(factories.days_from_today(1500))}
    assert _send(site, f"{PAGE}/licences", typo).status_code == 303
    licence = _id(db, "licences", number="JY14401069999999")
    form, path = f"withdraw-licences-{licence}", f"{PAGE}/licences/{licence}/withdrawal"
    page = site.get(PAGE, headers=ENGLISH).text
    assert f'action="{path}"' in page and unlabelled_controls(page) == []
    assert "can be withdrawn for 24 hours after you record it" in page
    veteran = _id(db, "staff", name="老员工")
    assert f'action="{PAGE}/staff/{veteran}/withdrawal"' not in page  # not recorded by this account
    unconfirmed = _send(site, path, {"reason": "编号录错"})
    assert unconfirmed.status_code == 422
    assert "Tick the box to confirm that the record is withdrawn." in unconfirmed.text
    assert re.search(rf'id="{form}-confirm"[^>]*aria-invalid="true"'
                     rf'|aria-invalid="true"[^>]*id="{form}-confirm"', unconfirmed.text)
    assert ">编号录错</textarea>" in unconfirmed.text  # what was typed stays
    assert "JY14401069999999" in [row["number"] for row in _public(api, scene["code"])["licences"]]
    once = _token(site)
    done = _send(site, path, {"reason": "编号录错", "confirm": "yes"}, once=once)
    assert done.status_code == 303 and done.headers["location"] == f"{PAGE}?done=withdrawn"
    again = _send(site, path, {"reason": "编号录错", "confirm": "yes"}, once=once)  # a double tap
    assert again.status_code == 303 and again.headers["location"] == done.headers["location"]
    said = site.get(done.headers["location"], headers=ENGLISH).text
    assert "The record is withdrawn: it no longer shows on your public page." in said
    assert "JY14401069999999" not in said
    assert "JY14401069999999" not in [row["number"] for row in _public(api, scene["code"])["licences"]]
    kept = db.withdrawn_licences.find_one({"number": "JY14401069999999"})
    assert kept["withdrawal"]["reason"] == "编号录错"
    resent = _send(site, path, {"reason": "编号录错", "confirm": "yes"})  # the page kept open, sent anew
    assert resent.status_code == 409
    [focused] = _autofocused(resent.text)
    assert "notice-bad" in focused
    assert "Licence JY14401069999999 was withdrawn on" in resent.text.split("card-papers-staff")[0]  # on top


def test_a_member_entered_by_mistake_is_withdrawn_not_departed(site, scene, db, api):
    sign_in(site, scene["shop"])
    member = {"name": "不存在", "position": "帮厨", "phone": "",
              "health_certificate_number": "JK2026W0001",
              "certificate_issued_on": str(factories.days_from_today(-3)),
              "certificate_expires_on": str(factories.days_from_today(300))}
    assert _send(site, f"{PAGE}/staff", member).status_code == 303
    member_id = _id(db, "staff", name="不存在")
    done = _send(site, f"{PAGE}/staff/{member_id}/withdrawal", {"reason": "录错了", "confirm": "yes"})
    assert done.status_code == 303
    page = site.get(PAGE, headers=ENGLISH).text
    assert "不存在" not in page and "Former staff" not in page
    assert "不**" not in [row["masked_name"] for row in _public(api, scene["code"])["staff"]["members"]]


def test_an_officer_withdraws_any_record_of_their_district(site, scene, db, api):
    sign_in(site, scene["officer"])
    page = f"{PAGE}?{urlencode({'business': scene['code']})}"
    member_id = _id(db, "staff", name="老员工")
    assert f'action="{PAGE}/staff/{member_id}/withdrawal"' in site.get(page, headers=ENGLISH).text
    done = _send(site, f"{PAGE}/staff/{member_id}/withdrawal",
                 {"business": scene["code"], "reason": "并非本店员工", "confirm": "yes"}, page=page)
    assert done.status_code == 303
    assert done.headers["location"] == f"{PAGE}?{urlencode({'business': scene['code'], 'done': 'withdrawn'})}"
    assert "no longer shows on the business's public page" in site.get(done.headers["location"],
                                                                       headers=ENGLISH).text
    entry = db.audit.find_one({"action": "staff.withdraw", "target": scene["code"]}, sort=[("seq", -1)])
    assert entry["data"]["reason"] == "并非本店员工" and entry["role"] == "officer"


def test_a_departure_or_renewal_for_a_member_who_left_says_why_on_top(site, scene, db):
    sign_in(site, scene["shop"])
    factories.staff_member(db, scene["code"], name="李四", expires_in_days=200)
    member = _id(db, "staff", name="李四")
    left = {"left_on": str(factories.days_from_today(0))}
    assert _send(site, f"{PAGE}/staff/{member}/departure", left).status_code == 303
    for path, data, said in [
        (f"{PAGE}/staff/{member}/departure", left, "李四 is already recorded as having left on"),
        (f"{PAGE}/staff/{member}/certificate", {"number": "JK2026W0009", "issued_on": left["left_on"],
                                                "expires_on": str(factories.days_from_today(300))},
         "a former member's certificate is not renewed"),
    ]:
        refused = _send(site, path, data)  # a page kept open since, a fresh token
        assert refused.status_code == 409
        top = refused.text.split("card-papers-staff")[0]
        assert said in top and "notice-bad" in top
        [focused] = _autofocused(refused.text)
        assert "notice-bad" in focused
