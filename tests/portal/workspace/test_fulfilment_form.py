"""Recording a penalty as fulfilled from the workspace (credit repair waits for it): the unit's
black-listed businesses still waiting, each decision's form, the notice after it, a refused form
kept as typed with its field marked, and a form sent twice recorded once."""

import re
from urllib.parse import quote, urlencode

import pytest

from backend.lists import service as lists
from backend.lists.schemas import EditionPublish
from backend.repair import service as repair
from backend.users.schemas import Role
from portal.workspace.penalty import fulfil_form_id
from tests import factories
from tests.portal.conftest import ENGLISH, form_token, sign_in

_ONCE = re.compile(r'name="once"[^>]*value="([\w-]+)"|value="([\w-]+)"[^>]*name="once"')


@pytest.fixture(scope="module")
def scene(db):
    factories.unit(db, id="U-TH", districts=("天河区",))
    factories.unit(db, id="U-YX", districts=("越秀区",))
    code = factories.business(db, name="待履行面馆")
    far_code = factories.business(db, district="越秀区", name="越秀黑榜店")
    numbers = [factories.penalty(db, code, measures=("suspension",), days_ago=5),
               factories.penalty(db, code, days_ago=4)]
    factories.penalty(db, far_code, measures=("suspension",), days_ago=5)
    lists.publish(db, actor=factories.ADMIN, data=EditionPublish())
    return {"code": code, "numbers": numbers, "far code": far_code,
            "officer": factories.user(db, role=Role.OFFICER, officer_id=factories.officer(db)),
            "far": factories.user(db, role=Role.OFFICER, officer_id=factories.officer(db, unit_id="U-YX")),
            "shop": factories.user(db, role=Role.ENTERPRISE, business_code=code)}


def _page(code: str) -> str:
    return f"/me/penalty?code={code}"


def _send(site, scene, number: str, **fields):
    page = site.get(_page(scene["code"]), headers=ENGLISH).text
    form = page[page.index(f'id="{fulfil_form_id(number)}"'):]
    token = _ONCE.search(form)
    data = {"code": scene["code"], "decision_number": number, "fulfilled_on": "", "note": "",
            "csrf_token": form_token(site, _page(scene["code"])), "once": token.group(1) or token.group(2)}
    return site.post("/me/penalty/fulfilment", data=data | fields, headers=ENGLISH, follow_redirects=False)


def test_the_unit_sees_the_black_listed_businesses_still_waiting(site, scene):
    sign_in(site, scene["officer"])
    me = site.get("/me", headers=ENGLISH).text
    assert 'href="/me/penalty#fulfilments-due"' in me
    page = site.get("/me/penalty", headers=ENGLISH).text
    due = page[page.index('id="fulfilments-due"'):]
    assert f'href="/me/penalty?code={scene["code"]}#penalties"' in due and "待履行面馆" in due
    assert all(number in due for number in scene["numbers"])
    assert "越秀黑榜店" not in page   # another unit's


def test_each_decision_has_its_form_and_a_fulfilment_is_announced(site, scene, db):
    sign_in(site, scene["officer"])
    page = site.get(_page(scene["code"]), headers=ENGLISH).text
    penalties = page[page.index('class="card card-penalties"'):]
    for number in scene["numbers"]:
        form = re.search(rf'<form[^>]*id="{fulfil_form_id(number)}".*?</form>', penalties, re.S).group(0)
        assert 'action="/me/penalty/fulfilment"' in form and 'name="csrf_token"' in form
        assert 'name="once"' in form and re.search(r'<input[^>]*name="fulfilled_on"[^>]*required', form)
    first = scene["numbers"][0]
    done = _send(site, scene, first, fulfilled_on=str(factories.days_from_today(0)), note="缴款单号 123")
    assert done.status_code == 303
    landing = f"/me/penalty?{urlencode({'code': scene['code'], 'done': 'fulfilled'})}#penalties"
    assert done.headers["location"] == landing
    shown = site.get(done.headers["location"].split("#")[0], headers=ENGLISH).text
    assert "The penalty is recorded as fulfilled." in shown
    assert f"Fulfilled on {factories.days_from_today(0)}" in shown and "缴款单号 123" in shown
    assert f'id="{fulfil_form_id(first)}"' not in shown   # its form is gone, the other's stays
    assert f'id="{fulfil_form_id(scene["numbers"][1])}"' in shown
    assert db.penalty_fulfilments.find_one({"_id": first})["recorded_by"] == scene["officer"]


def test_a_refused_fulfilment_comes_back_as_typed_with_its_field_marked(site, scene, db):
    sign_in(site, scene["officer"])
    number = scene["numbers"][1]
    form_id = fulfil_form_id(number)
    missing = _send(site, scene, number, note="收据在案")
    assert missing.status_code == 422 and "Fulfilled on: This field is required." in missing.text
    assert f'id="{form_id}-date-error"' in missing.text and 'value="收据在案"' in missing.text
    opened = rf'<details open[^>]*>\s*<summary>Record as fulfilled</summary>\s*<form[^>]*id="{form_id}"'
    assert re.search(opened, missing.text)
    future = _send(site, scene, number, fulfilled_on=str(factories.days_from_today(3)), note="收据在案")
    assert future.status_code == 422 and "cannot be dated in the future" in future.text
    long = _send(site, scene, number, fulfilled_on=str(factories.days_from_today(0)), note="长" * 1001)
    assert long.status_code == 422 and "Note (optional): Must be at most 1000 characters long." in long.text
    assert f'value="{"长" * 1001}"' in long.text
    assert db.penalty_fulfilments.find_one({"_id": number}) is None


def test_the_same_form_sent_twice_is_recorded_once(site, scene, db):
    sign_in(site, scene["officer"])
    number = scene["numbers"][1]
    page = site.get(_page(scene["code"]), headers=ENGLISH).text
    token = _ONCE.search(page[page.index(f'id="{fulfil_form_id(number)}"'):])
    data = {"code": scene["code"], "decision_number": number,
            "fulfilled_on": str(factories.days_from_today(0)), "note": "",
            "csrf_token": form_token(site, _page(scene["code"])),
            "once": token.group(1) or token.group(2)}
    first = site.post("/me/penalty/fulfilment", data=data, headers=ENGLISH, follow_redirects=False)
    again = site.post("/me/penalty/fulfilment", data=data, headers=ENGLISH, follow_redirects=False)
    assert (first.status_code, again.status_code) == (303, 303)
    assert again.headers["location"] == first.headers["location"]
    assert db.audit.count_documents({"action": "penalty.fulfil", "data.decision_number": number}) == 1
    # both fulfilled: the business may now apply, and the unit's list no longer waits on it
    assert repair.unfulfilled_penalties(db, scene["code"]) == []
    assert "待履行面馆" not in site.get("/me/penalty", headers=ENGLISH).text


@pytest.mark.parametrize(("who", "page"), [("far", "/me/penalty?code={far}"), ("shop", "/me")])
def test_only_the_districts_officers_record_it(site, scene, db, who, page):
    sign_in(site, scene[who])
    number = quote(scene["numbers"][0])
    sent = site.post("/me/penalty/fulfilment", headers=ENGLISH, follow_redirects=False, data={
        "code": scene["code"], "decision_number": scene["numbers"][0], "fulfilled_on": "2020-01-01",
        "csrf_token": form_token(site, page.format(far=scene["far code"]))})
    assert sent.status_code == 403 and number not in sent.headers.get("location", "")
    assert db.penalty_fulfilments.find_one({"_id": scene["numbers"][0]})["recorded_by"] == scene["officer"]
