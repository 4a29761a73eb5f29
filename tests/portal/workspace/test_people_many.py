"""/admin/people with many accounts: the create forms come first, accounts are found by name and
role, and a form posted from a later page comes back there, refused or done."""

import re

import pytest

from backend.users.schemas import Role
from portal.workspace import people
from tests import factories
from tests.portal.conftest import ENGLISH, post_form, sign_in

PAGE = "/admin/people"


@pytest.fixture(scope="module")
def scene(db):
    factories.unit(db, id="U-TH", districts=("天河区",))
    officer_id = factories.officer(db, unit_id="U-TH", name="钱走")
    accounts = [factories.user(db, role=Role.CONSUMER) for _ in range(5)]
    return {"admin": factories.user(db, role=Role.ADMIN), "officer_id": officer_id,
            "code": factories.business(db), "accounts": accounts}


@pytest.fixture
def small_pages(monkeypatch):
    monkeypatch.setattr(people, "PAGE_SIZE", 2)


def _second_page_account(site):
    page = site.get(f"{PAGE}?accounts_page=2", headers=ENGLISH).text
    return re.findall(r'id="password-form-([\w.-]+)"', page)[0]


def test_a_refused_form_comes_back_on_its_page_open_with_its_error(db, site, scene, small_pages):
    sign_in(site, scene["admin"])
    target = _second_page_account(site)
    refused = post_form(site, f"{PAGE}/accounts/{target}/password",
                        {"password": "short", "password_again": "short", "accounts_page": "2"},
                        page=f"{PAGE}?accounts_page=2")
    assert refused.status_code == 422
    form = re.search(r'<details open><summary>[^<]*</summary><form[^>]*id="password-form-'
                     rf'{re.escape(target)}".*?</form>', refused.text, re.S)
    assert form and "New password: Must be at least 8 characters long." in form.group(0)
    assert "Page 2 of" in refused.text


def test_done_returns_to_the_page_and_the_pager_does_not_repeat_it(db, site, scene, small_pages):
    sign_in(site, scene["admin"])
    target = _second_page_account(site)
    done = post_form(site, f"{PAGE}/accounts/{target}/disable", {"accounts_page": "2"},
                     page=f"{PAGE}?accounts_page=2")
    assert done.status_code == 303 and done.headers["location"] == f"{PAGE}?accounts_page=2&done=disabled"
    page = site.get(done.headers["location"], headers=ENGLISH).text
    assert "The account is disabled" in page and "Page 2 of" in page
    assert re.findall(r'href="/admin/people\?[^"]*"', page) and "done=" not in "".join(
        re.findall(r'class="pager".*?</p>', page, re.S))
    post_form(site, f"{PAGE}/accounts/{target}/enable", {"accounts_page": "2"}, page=PAGE)


def test_accounts_are_found_by_name_and_role(db, site, scene):
    sign_in(site, scene["admin"])
    one = scene["accounts"][0]
    found = site.get(PAGE, params={"account_name": one.upper(), "account_role": "consumer"},
                     headers=ENGLISH).text
    assert f'id="password-form-{one}"' in found and f'id="password-form-{scene["admin"]}"' not in found
    admins = site.get(PAGE, params={"account_role": "admin"}, headers=ENGLISH).text
    assert f'id="password-form-{scene["admin"]}"' in admins and f'id="password-form-{one}"' not in admins
    none = site.get(PAGE, params={"account_name": "nobody-like-this"}, headers=ENGLISH).text
    assert "No account matches." in none


def test_the_forms_read_right(db, site, scene):
    sign_in(site, scene["admin"])
    page = site.get(PAGE, headers=ENGLISH).text
    accounts = page[page.index('class="card card-accounts"'):]
    assert accounts.index('id="account-form"') < accounts.index('id="accounts-filter"') < accounts.index(
        f'id="password-form-{scene["admin"]}"')
    officers = page[page.index('class="card card-officers"'):]
    assert officers.index('id="officer-form"') < officers.index("钱走")
    assert re.search(r'<select[^>]*name="unit_id"[^>]*required', page) or re.search(
        r'<select[^>]*required[^>]*name="unit_id"', page)
    role_select = re.search(r'<select[^>]*name="role".*?</select>', page, re.S).group(0)
    assert 'value="consumer"' not in role_select and 'value="enterprise"' in role_select
    assert 'autocomplete="new-password"' in page and 'autocomplete="current-password"' not in page
    assert re.search(r'<button[^>]*class="danger"[^>]*>Disable</button>', page)
    mine = site.get("/me/password", headers=ENGLISH).text
    assert 'autocomplete="current-password"' in mine and 'href="/me"' in mine


def test_refusals_say_what_is_wrong(db, site, scene):
    sign_in(site, scene["admin"])
    blank = post_form(site, f"{PAGE}/units", {"id": "U-BL", "name": "空", "districts": " ， 、"}, page=PAGE)
    assert blank.status_code == 422 and "Districts: Name at least one district." in blank.text
    new = "a-long-new-password"
    differ = post_form(site, f"{PAGE}/accounts", {
        "username": "new.shop", "role": "enterprise", "business_code": scene["code"],
        "password": new, "password_again": new + "!"}, page=PAGE)
    assert differ.status_code == 422 and "The two passwords differ." in differ.text


def test_an_officer_leaving_says_how_many_tasks_went_back(db, site, scene):
    from datetime import timedelta

    from backend import clock
    from backend.tasks import service as tasks
    from backend.tasks.schemas import TaskSource

    sign_in(site, scene["admin"])
    for _ in range(2):
        tasks.create(db, source=TaskSource.SPECIAL_CAMPAIGN, business_code=scene["code"], title="查",
                     deadline=clock.now() + timedelta(days=3), created_by="factory-admin",
                     assignee=scene["officer_id"])
    left = post_form(site, f"{PAGE}/officers/{scene['officer_id']}", {"unit_id": "U-TH", "in_service": "no"},
                     page=PAGE)
    assert left.headers["location"] == f"{PAGE}?done=officer-changed&returned=2"
    page = site.get(left.headers["location"], headers=ENGLISH).text
    assert re.search(r"The officer record is changed\. 2 open tasks of theirs went back to their "
                     r"unit(&#x27;|')s queue\.", page)


def test_enabling_the_account_of_an_officer_who_left_is_refused_on_top(db, site, scene):
    sign_in(site, scene["admin"])
    officer_id = factories.officer(db, unit_id="U-TH")
    username = factories.user(db, role=Role.OFFICER, officer_id=officer_id)
    post_form(site, f"{PAGE}/officers/{officer_id}", {"unit_id": "U-TH", "in_service": "no"}, page=PAGE)
    refused = post_form(site, f"{PAGE}/accounts/{username}/enable", {}, page=PAGE)
    assert refused.status_code == 409
    assert f"Officer {officer_id} has left the service: record that they are back in service" in refused.text
    assert db.users.find_one({"username": username})["disabled"] is True
