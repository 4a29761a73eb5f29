"""A unit's change that gives up districts or moves work is shown on /admin/people before it is done
(what it will do, in numbers) and done once confirmed; a new name alone is done at once; a unit's
name is its own."""

import html
import re
from datetime import timedelta

import pytest

from backend import clock
from backend.grids import service as grids
from backend.grids.schemas import GridAssignment
from backend.officers import repository as units
from backend.tasks import service as tasks
from backend.tasks.schemas import TaskSource
from backend.users.schemas import Role
from tests import factories
from tests.portal.conftest import ENGLISH, marked_invalid, post_form, sign_in, unlabelled_controls

PAGE = "/admin/people"
WRITTEN = ("units", "tasks", "task_events", "grid_officers", "audit", "form_claims")


def _task(db, district, officer_id=None):
    return tasks.create(db, source=TaskSource.SPECIAL_CAMPAIGN,
                        business_code=factories.business(db, district=district), title="检查",
                        deadline=clock.now() + timedelta(days=7), created_by="factory-admin",
                        assignee=officer_id).id


def _grid(db, district, grid, officer_id):
    grids.assign(db, actor=factories.ADMIN, district=district, grid=grid,
                 data=GridAssignment(officer_id=officer_id))


@pytest.fixture(scope="module")
def scene(db):
    """U-CF over 甲区 乙区 丙区 (丙区 in U-CG's list too, data from before a district had one unit)."""
    units.insert_unit(db, {"_id": "U-CF", "name": "CF所", "districts": ["甲区", "乙区", "丙区"]})
    units.insert_unit(db, {"_id": "U-CG", "name": "CG所", "districts": ["丙区"]})
    factories.unit(db, id="U-CH", districts=("丁区",))
    f1, g1 = factories.officer(db, unit_id="U-CF"), factories.officer(db, unit_id="U-CG")
    _task(db, "乙区", f1), _task(db, "乙区"), _task(db, "丙区", f1), _task(db, "丙区", g1)
    _grid(db, "甲区", "甲-1", f1), _grid(db, "乙区", "乙-1", f1), _grid(db, "丙区", "丙-1", f1)
    return {"admin": factories.user(db, role=Role.ADMIN), "f1": f1}


def _snapshot(db):
    return {name: sorted(db[name].find(), key=lambda row: str(row["_id"])) for name in WRITTEN}


def _once(text, form_id):
    return re.search(rf'id="{form_id}".*?name="once"[^>]*value="([\w-]+)"', text, re.S).group(1)


def _confirmation(text, unit_id):
    found = re.search(rf'<details open><summary>Edit</summary>(.*?)<form[^>]*id="unit-confirm-{unit_id}"'
                      r"(.*?)</form>", text, re.S)
    assert found, f"no confirmation for {unit_id}"
    fields = dict(re.findall(r'<input[^>]*name="(\w+)"[^>]*value="([^"]*)"', found.group(2)))
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", found.group(1))).split()), fields, found.group(2)


def test_what_a_change_will_do_is_shown_and_done_as_said_once_confirmed(db, site, scene):
    sign_in(site, scene["admin"])
    page = site.get(PAGE, headers=ENGLISH).text
    once = _once(page, "unit-change-U-CF")
    typed = {"name": "CF所", "districts": "甲区", "account_role": "admin"}
    before = _snapshot(db)
    asked = post_form(site, f"{PAGE}/units/U-CF", {**typed, "once": once}, page=PAGE)
    assert asked.status_code == 200
    assert _snapshot(db) == before  # nothing changed, nothing audited, the token not claimed
    said, fields, form = _confirmation(asked.text, "U-CF")
    assert "Districts given up: 乙区, 丙区." in said
    for line in ("2 open tasks will move to the queue of the unit covering their district.",
                 "2 open tasks will wait for a unit: no unit covers their district.",
                 "1 task will have its assignee cleared",
                 "2 grid assignments of the unit's officers will be cleared."):
        assert line in said, said
    assert ">Confirm the change</button>" in form and f'href="{PAGE}?account_role=admin"' in form  # cancel
    assert fields["account_role"] == "admin" and fields["once"] != once
    edit = re.search(r'<form[^>]*id="unit-change-U-CF".*?</form>', asked.text, re.S).group(0)
    assert "甲区</textarea>" in edit and _once(edit, "unit-change-U-CF") == once  # as typed
    assert unlabelled_controls(asked.text) == []

    confirmed = {**typed, "once": fields["once"], "confirmed": "yes"}
    done = post_form(site, f"{PAGE}/units/U-CF", confirmed, page=PAGE)
    assert done.status_code == 303
    assert done.headers["location"] == (f"{PAGE}?account_role=admin&done=unit-changed&moved=2&waiting=2"
                                        "&unassigned=1&released=2")
    again = post_form(site, f"{PAGE}/units/U-CF", confirmed, page=PAGE)  # confirmed twice: done once
    assert again.status_code == 303 and again.headers["location"] == done.headers["location"]
    assert db.audit.count_documents({"target": "unit:U-CF", "action": "unit.update"}) == 1
    assert db.units.find_one({"_id": "U-CF"})["districts"] == ["甲区"]
    assert db.grid_officers.count_documents({"officer_id": scene["f1"]}) == 1


def test_a_new_name_alone_or_an_empty_district_taken_on_is_done_at_once(db, site, scene):
    sign_in(site, scene["admin"])
    factories.unit(db, id="U-CI", districts=("戊区",))
    renamed = post_form(site, f"{PAGE}/units/U-CI", {"name": "CI所", "districts": "戊区"}, page=PAGE)
    assert renamed.status_code == 303 and renamed.headers["location"] == f"{PAGE}?done=unit-changed"
    widened = post_form(site, f"{PAGE}/units/U-CI", {"name": "CI所", "districts": "戊区\n己区"}, page=PAGE)
    assert widened.status_code == 303 and widened.headers["location"] == f"{PAGE}?done=unit-changed"
    assert db.units.find_one({"_id": "U-CI"}) == {"_id": "U-CI", "name": "CI所",
                                                  "districts": ["戊区", "己区"]}


def test_a_change_refused_when_confirmed_keeps_what_was_typed(db, site, scene):
    sign_in(site, scene["admin"])
    factories.unit(db, id="U-CJ", districts=("庚区", "辛区"))
    typed = {"name": "CJ所", "districts": "庚区"}
    asked = post_form(site, f"{PAGE}/units/U-CJ", typed, page=PAGE)
    _, fields, _ = _confirmation(asked.text, "U-CJ")
    units.update_unit(db, "U-CH", {"name": "CJ所"})  # meanwhile, another unit took the name
    refused = post_form(site, f"{PAGE}/units/U-CJ", {**typed, "once": fields["once"], "confirmed": "yes"},
                        page=PAGE)
    assert refused.status_code == 409
    edit = re.search(r'<form[^>]*id="unit-change-U-CJ".*?</form>', refused.text, re.S).group(0)
    assert "Unit U-CH is already named CJ所." in edit and marked_invalid(edit, "name")
    assert 'value="CJ所"' in edit and "庚区</textarea>" in edit
    assert db.units.find_one({"_id": "U-CJ"})["districts"] == ["庚区", "辛区"]


def test_another_units_name_is_refused_on_the_forms(db, site, scene):
    sign_in(site, scene["admin"])
    added = post_form(site, f"{PAGE}/units", {"id": "U-CK", "name": " cg所 ", "districts": "壬区"}, page=PAGE)
    assert added.status_code == 409
    form = re.search(r'<form[^>]*id="unit-form".*?</form>', added.text, re.S).group(0)
    assert "Unit U-CG is already named cg所." in form and marked_invalid(form, "name")
    assert 'value="U-CK"' in form and "壬区</textarea>" in form
    assert db.units.find_one({"_id": "U-CK"}) is None
    renamed = post_form(site, f"{PAGE}/units/U-CG", {"name": "cf所", "districts": "丙区"}, page=PAGE)
    assert renamed.status_code == 409
    edit = re.search(r'<form[^>]*id="unit-change-U-CG".*?</form>', renamed.text, re.S).group(0)
    assert "Unit U-CF is already named cf所." in edit and marked_invalid(edit, "name")
    assert 'value="cf所"' in edit
    assert db.units.find_one({"_id": "U-CG"})["name"] == "CG所"


def test_the_hint_speaks_of_grid_assignments(site, scene):
    sign_in(site, scene["admin"])
    edit = re.search(r'<form[^>]*id="unit-change-U-CG".*?</form>', site.get(PAGE, headers=ENGLISH).text,
                     re.S).group(0)
    assert "grid assignments in a district given up are cleared" in edit
