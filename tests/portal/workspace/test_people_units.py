"""Editing a unit on /admin/people, without scripts: its name and districts, refused with what was
typed kept and the field marked, done once however often it is sent, and what followed said."""

import html
import re
from datetime import timedelta

import httpx
import pytest

from backend import clock
from backend.tasks import service as tasks
from backend.tasks.schemas import TaskSource
from backend.users.schemas import Role
from tests import factories
from tests.portal.conftest import ENGLISH, marked_invalid, post_form, sign_in, unlabelled_controls

PAGE = "/admin/people"


@pytest.fixture(scope="module")
def scene(db):
    factories.unit(db, id="U-TH", districts=("天河区", "黄埔区"))
    factories.unit(db, id="U-YX", districts=("越秀区",))
    officer_id = factories.officer(db, unit_id="U-TH", name="周到")
    code = factories.business(db, district="黄埔区")
    task_id = tasks.create(db, source=TaskSource.SPECIAL_CAMPAIGN, business_code=code, title="检查",
                           deadline=clock.now() + timedelta(days=7), created_by="factory-admin",
                           assignee=officer_id).id
    return {"admin": factories.user(db, role=Role.ADMIN), "officer_id": officer_id, "task_id": task_id,
            "officer": factories.user(db, role=Role.OFFICER, officer_id=officer_id)}


def _form(text, unit_id):
    found = re.search(rf'<details( open)?><summary>Edit</summary><form[^>]*id="unit-change-{unit_id}"'
                      r".*?</form>", text, re.S)
    assert found, f"no edit form for {unit_id}"
    return found


def test_each_unit_has_its_edit_form_filled_in(site, scene):
    sign_in(site, scene["admin"])
    text = site.get(PAGE, headers=ENGLISH).text
    form = _form(text, "U-TH")
    assert form.group(1) is None  # folded until used
    assert f'action="{PAGE}/units/U-TH"' in form.group(0) and 'name="csrf_token"' in form.group(0)
    assert 'name="once"' in form.group(0)
    assert 'value="U-TH 市场监督管理所"' in form.group(0) and "天河区\n黄埔区</textarea>" in form.group(0)
    assert unlabelled_controls(text) == []


def test_only_administrators(site, scene):
    sign_in(site, scene["officer"])
    posted = post_form(site, f"{PAGE}/units/U-YX", {"name": "改", "districts": "越秀区"}, page="/me/password")
    assert posted.status_code == 403


def test_a_refusal_keeps_what_was_typed_and_marks_the_field(db, site, scene):
    sign_in(site, scene["admin"])
    refused = post_form(site, f"{PAGE}/units/U-TH",
                        {"name": "天河区市场监管所", "districts": "天河区\n越秀区"}, page=PAGE)
    assert refused.status_code == 409
    form = _form(refused.text, "U-TH")
    assert form.group(1) == " open"
    assert "越秀区 (U-YX) already belongs to another unit." in form.group(0)
    assert marked_invalid(form.group(0), "districts")
    assert 'value="天河区市场监管所"' in form.group(0) and "天河区\n越秀区</textarea>" in form.group(0)
    blank = post_form(site, f"{PAGE}/units/U-TH", {"name": " ", "districts": "天河区"}, page=PAGE)
    assert blank.status_code == 422 and marked_invalid(_form(blank.text, "U-TH").group(0), "name")
    same = post_form(site, f"{PAGE}/units/U-TH",
                     {"name": "U-TH 市场监督管理所", "districts": "天河区、黄埔区"}, page=PAGE)
    assert same.status_code == 422 and "Nothing to change." in _form(same.text, "U-TH").group(0)
    assert db.units.find_one({"_id": "U-TH"})["districts"] == ["天河区", "黄埔区"]


def test_an_unknown_unit(site, scene):
    sign_in(site, scene["admin"])
    response = post_form(site, f"{PAGE}/units/U-NONE", {"name": "无", "districts": "无区"}, page=PAGE)
    assert response.status_code == 404 and "There is no unit U-NONE." in response.text


def _confirmation(text, unit_id):
    """The confirmation at the unit's edit form: what the change will do, and the form doing it."""
    found = re.search(rf'<details open><summary>Edit</summary>(.*?)<form[^>]*id="unit-confirm-{unit_id}"'
                      r"(.*?)</form>", text, re.S)
    assert found, f"no confirmation for {unit_id}"
    fields = dict(re.findall(r'<input[^>]*name="(\w+)"[^>]*value="([^"]*)"', found.group(2)))
    return html.unescape(re.sub(r"<[^>]+>", " ", found.group(1))), fields


def test_a_change_is_done_once_and_said_after_the_redirect(db, site, scene):
    sign_in(site, scene["admin"])
    page = site.get(PAGE, headers=ENGLISH).text
    once = re.search(r'id="unit-change-U-TH".*?name="once"[^>]*value="([\w-]+)"', page, re.S).group(1)
    data = {"name": "天河区市场监管所", "districts": "天河区", "once": once}
    asked = post_form(site, f"{PAGE}/units/U-TH", data, page=PAGE)  # 黄埔区 given up: shown first
    assert asked.status_code == 200
    said, fields = _confirmation(asked.text, "U-TH")
    assert "Districts given up: 黄埔区." in said and "1 open task will wait for a unit" in said
    assert (fields["name"], fields["districts"], fields["confirmed"]) == ("天河区市场监管所", "天河区", "yes")
    assert fields["once"] != once  # a token of its own; the first one is not spent
    confirmed = {**data, "once": fields["once"], "confirmed": "yes"}
    done = post_form(site, f"{PAGE}/units/U-TH", confirmed, page=PAGE)
    assert done.status_code == 303
    assert done.headers["location"] == f"{PAGE}?done=unit-changed&waiting=1"
    again = post_form(site, f"{PAGE}/units/U-TH", confirmed, page=PAGE)  # a double tap: the first answer
    assert again.status_code == 303 and again.headers["location"] == done.headers["location"]
    assert db.units.find_one({"_id": "U-TH"}) == {"_id": "U-TH", "name": "天河区市场监管所",
                                                  "districts": ["天河区"]}
    assert db.audit.count_documents({"target": "unit:U-TH", "action": "unit.update"}) == 1
    said = site.get(done.headers["location"], headers=ENGLISH).text
    assert "The unit is changed." in said and "1 open task is in a district no unit covers now" in said

    typed = {"name": "U-YX 市场监督管理所", "districts": "越秀区\n黄埔区"}
    asked = post_form(site, f"{PAGE}/units/U-YX", typed, page=PAGE)  # takes 黄埔区 on, with its task
    said, fields = _confirmation(asked.text, "U-YX")
    assert "1 open task will move" in said and "1 task will have its assignee cleared" in said
    assert "Districts given up" not in said and fields["districts"] == "越秀区\n黄埔区"
    taken = post_form(site, f"{PAGE}/units/U-YX", {**typed, "confirmed": "yes", "once": fields["once"]},
                      page=PAGE)
    assert taken.headers["location"] == f"{PAGE}?done=unit-changed&moved=1&unassigned=1"
    told = site.get(taken.headers["location"], headers=ENGLISH).text
    assert "1 open task followed its district" in told and "nobody is assigned now" in told
    assert db.tasks.find_one({"_id": tasks.repository.object_id(scene["task_id"])})["assignee"] is None


def test_the_officer_and_the_public_see_the_change_without_signing_in_again(db, site, scene):
    sign_in(site, scene["officer"])
    officer_browser = httpx.Cookies(site.cookies)
    assert "天河区市场监管所" in site.get("/me", headers=ENGLISH).text
    sign_in(site, scene["admin"])
    done = post_form(site, f"{PAGE}/units/U-TH",
                     {"name": "天河区市场监督管理所（新）", "districts": "天河区\n番禺区"}, page=PAGE)
    assert done.status_code == 303
    site.cookies.clear()
    site.cookies.update(officer_browser)  # the officer's browser, signed in before the change
    me = site.get("/me", headers=ENGLISH).text
    assert "天河区市场监督管理所（新）" in me
    assert re.search(r"<dt>Districts</dt><dd>(.*?)</dd>", me).group(1) == "天河区, 番禺区"
    profile = site.get(f"/officers/{scene['officer_id']}", headers=ENGLISH).text
    assert "天河区市场监督管理所（新）" in profile and "U-TH 市场监督管理所" not in profile
    assert "天河区市场监督管理所（新）" in site.get("/performance", headers=ENGLISH).text
