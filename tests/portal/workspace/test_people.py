"""The administrator's "People and units" page (/admin/people), without scripts: units, officer
records and accounts listed; forms that add each, disable/enable and set a password, with the
input kept on refusal (never a password) and each addition recorded once."""

import re

import pytest

from backend.users import service
from backend.users.schemas import Role
from tests import factories
from tests.portal.conftest import (
    ENGLISH,
    marked_invalid,
    post_form,
    refused_unless_admin,
    sign_in,
    unlabelled_controls,
)

PAGE = "/admin/people"
NEW = "a-long-new-password"


@pytest.fixture(scope="module")
def scene(db):
    factories.unit(db, id="U-TH", districts=("天河区",))
    officer_id = factories.officer(db, unit_id="U-TH", name="周到")
    code = factories.business(db, district="黄埔区")
    return {"admin": factories.user(db, role=Role.ADMIN), "code": code, "officer_id": officer_id,
            "officer": factories.user(db, role=Role.OFFICER, officer_id=officer_id)}


def test_only_administrators(site, scene):
    refused_unless_admin(site, PAGE, scene["officer"])
    posted = post_form(site, f"{PAGE}/units", {"id": "U-NO", "name": "x", "districts": "x区"},
                       page="/me/password")
    assert posted.status_code == 403


def test_the_page_lists_units_officers_and_accounts(site, scene):
    sign_in(site, scene["admin"])
    assert f'href="{PAGE}"' in site.get("/me", headers=ENGLISH).text
    page = site.get(PAGE, headers=ENGLISH)
    assert page.status_code == 200
    text = page.text
    for shown in ("U-TH 市场监督管理所", "天河区", "周到", scene["officer_id"], "in service",
                  scene["officer"], "Enforcement officer", f"for officer {scene['officer_id']}", "enabled",
                  "黄埔区"):  # a district with businesses and no unit yet is suggested
        assert shown in text, shown
    assert unlabelled_controls(text) == []
    assert "$argon2" not in text


def test_a_unit_is_added_once_and_a_refusal_keeps_what_was_typed(db, site, scene):
    sign_in(site, scene["admin"])
    refused = post_form(site, f"{PAGE}/units",
                        {"id": "U-HP2", "name": "黄埔所", "districts": "天河区\n黄埔区"}, page=PAGE)
    assert refused.status_code == 409 and "天河区 (U-TH) already belongs to another unit." in refused.text
    assert marked_invalid(refused.text, "districts") and "黄埔所" in refused.text
    token = re.search(r'name="once"[^>]*value="([\w-]+)"|value="([\w-]+)"[^>]*name="once"', refused.text)
    once = token.group(1) or token.group(2)
    data = {"id": "U-HP", "name": "黄埔区市场监督管理所", "districts": "黄埔区、萝岗区", "once": once}
    done = post_form(site, f"{PAGE}/units", data, page=PAGE)
    assert done.status_code == 303 and done.headers["location"] == f"{PAGE}?done=unit"
    again = post_form(site, f"{PAGE}/units", data, page=PAGE)  # a double tap: the first result
    assert again.status_code == 303 and db.units.count_documents({"_id": "U-HP"}) == 1
    assert db.units.find_one({"_id": "U-HP"})["districts"] == ["黄埔区", "萝岗区"]
    assert "The unit is added." in site.get(done.headers["location"], headers=ENGLISH).text


def test_an_officer_is_added_moved_and_marked_as_left(db, site, scene):
    sign_in(site, scene["admin"])
    factories.unit(db, id="U-YX", districts=("越秀区",))
    bad = post_form(site, f"{PAGE}/officers", {"id": "OF-P1", "name": "冯新", "badge_number": "12",
                                               "unit_id": "U-TH"}, page=PAGE)
    assert bad.status_code == 422 and marked_invalid(bad.text, "badge_number") and "冯新" in bad.text
    done = post_form(site, f"{PAGE}/officers", {"id": "OF-P1", "name": "冯新", "badge_number": "44010600777",
                                                "unit_id": "U-TH"}, page=PAGE)
    assert done.headers["location"] == f"{PAGE}?done=officer"
    moved = post_form(site, f"{PAGE}/officers/OF-P1", {"unit_id": "U-YX", "in_service": "yes"}, page=PAGE)
    assert moved.headers["location"] == f"{PAGE}?done=officer-changed"
    assert db.officers.find_one({"_id": "OF-P1"})["unit_id"] == "U-YX"
    left = post_form(site, f"{PAGE}/officers/OF-P1", {"unit_id": "U-YX", "in_service": "no"}, page=PAGE)
    assert left.status_code == 303
    assert "left the service on" in site.get(PAGE, headers=ENGLISH).text
    assert site.get("/api/v1/officers/OF-P1").json()["in_service"] is False


def test_an_account_is_created_and_a_refusal_never_echoes_the_password(db, site, scene):
    sign_in(site, scene["admin"])
    form = {"username": "shop.owner", "display_name": "店主", "role": "enterprise", "officer_id": "",
            "business_code": factories.valid_code(9_999_997), "password": NEW, "password_again": NEW}
    refused = post_form(site, f"{PAGE}/accounts", form, page=PAGE)
    assert refused.status_code == 422 and "No business is registered" in refused.text
    assert marked_invalid(refused.text, "business_code") and 'value="shop.owner"' in refused.text
    assert NEW not in refused.text
    differ = post_form(site, f"{PAGE}/accounts", form | {"business_code": scene["code"],
                                                        "password_again": NEW + "!"}, page=PAGE)
    assert differ.status_code == 422 and marked_invalid(differ.text, "password_again")
    done = post_form(site, f"{PAGE}/accounts", form | {"business_code": scene["code"]}, page=PAGE)
    assert done.headers["location"] == f"{PAGE}?done=account"
    assert service.actor_for(db, username="shop.owner").business_code == scene["code"]
    assert db.audit.find_one({"target": "user:shop.owner"})["actor"] == scene["admin"]


def test_disable_enable_and_set_a_password(db, site, api, scene):
    sign_in(site, scene["admin"])
    target = factories.user(db, role=Role.CONSUMER)
    token = factories.token(api, target)
    done = post_form(site, f"{PAGE}/accounts/{target}/disable", {}, page=PAGE)
    assert done.headers["location"] == f"{PAGE}?done=disabled"
    assert api.get("/api/v1/auth/me", headers=token).status_code == 401
    assert f'action="{PAGE}/accounts/{target}/enable"' in site.get(PAGE, headers=ENGLISH).text
    assert post_form(site, f"{PAGE}/accounts/{target}/enable", {}, page=PAGE).status_code == 303
    short = post_form(site, f"{PAGE}/accounts/{target}/password",
                      {"password": "abc", "password_again": "abc"}, page=PAGE)
    assert short.status_code == 422 and marked_invalid(short.text, "password")
    same = post_form(site, f"{PAGE}/accounts/{target}/password",
                     {"password": target, "password_again": target}, page=PAGE)
    assert same.status_code == 422 and "must not be the user name" in same.text
    assert marked_invalid(same.text, "password")
    done = post_form(site, f"{PAGE}/accounts/{target}/password", {"password": NEW, "password_again": NEW},
                     page=PAGE)
    assert done.headers["location"] == f"{PAGE}?done=password"
    assert api.post("/api/v1/auth/login", json={"username": target, "password": NEW}).status_code == 200


def test_an_administrator_cannot_disable_themselves(db, site, scene):
    sign_in(site, scene["admin"])
    refused = post_form(site, f"{PAGE}/accounts/{scene['admin']}/disable", {}, page=PAGE)
    assert refused.status_code == 409 and "You cannot disable your own account" in refused.text
    assert site.get("/me", headers=ENGLISH).status_code == 200
