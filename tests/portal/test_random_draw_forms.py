"""The administrators' random-draw forms: a refused publish or draw comes back on the plan's page
beside its form, as typed and marked; each form is recorded once for its one-time token."""

import itertools
import re
from datetime import timedelta

import pytest

from backend import clock
from backend.random_draw import service
from backend.random_draw.schemas import PlanCreate
from backend.users.schemas import Role
from tests import factories
from tests.factories import ADMIN
from tests.portal.conftest import ENGLISH, form_token, sign_in

_ONCE = re.compile(r'name="once"[^>]*value="([\w-]+)"|value="([\w-]+)"[^>]*name="once"')
_DRAW_DAY = re.compile(r'<input[^>]*id="draw-on"[^>]*>')
_UNITS = itertools.count(1)


@pytest.fixture(scope="module")
def admin(db):
    return factories.user(db, role=Role.ADMIN)


@pytest.fixture
def signed_in(site, admin):
    sign_in(site, admin)
    yield site
    site.get("/logout")


def _draft(db, district: str, name: str = "抽查计划") -> str:
    """A draft over a district of its own, so that no other plan waiting to be drawn overlaps it."""
    unit_id = factories.unit(db, id=f"U-RD{next(_UNITS)}", districts=(district,))
    for n in range(2):
        factories.officer(db, unit_id=unit_id, name=f"{district}执法员{n}")
    factories.business(db, district=district)
    return service.create(db, actor=ADMIN, data=PlanCreate(name=name, unit_id=unit_id, base_ratio=1.0)).id


def _form(page: str, form_id: str) -> str:
    form = page[page.index(f'id="{form_id}"'):]
    return form[:form.index("</form>")]


def _once(page: str, form_id: str) -> str:
    found = _ONCE.search(_form(page, form_id))
    assert found, f"no one-time token in {form_id}"
    return found.group(1) or found.group(2)


@pytest.mark.parametrize(("district", "typed", "said"), [
    ("白云区", "2020-01-01", "The draw day must be from today to 30 days"),
    ("海珠区", "far", "The draw day must be from today to 30 days"),
    ("荔湾区", "abc", "Draw day: "),
])
def test_a_refused_publish_comes_back_on_the_plan_page_as_typed(db, signed_in, district, typed, said):
    site = signed_in
    plan_id = _draft(db, district, name=f"{district}冬季抽查")
    typed = str(clock.today() + timedelta(days=31)) if typed == "far" else typed
    path = f"/random-draws/{plan_id}"
    refused = site.post(f"{path}/publish", headers=ENGLISH, data={
        "csrf_token": form_token(site, path), "draw_on": typed})
    assert refused.status_code == 422
    assert f"{district}冬季抽查" in refused.text and 'id="draw-create-form"' not in refused.text
    form = _form(refused.text, "draw-step-form")
    assert 'id="draw-step-error"' in form and said in form
    day = _DRAW_DAY.search(form)
    assert day, "no draw-day field"
    assert f'value="{typed}"' in day.group(0)
    assert 'aria-invalid="true"' in day.group(0) and 'aria-describedby="draw-step-error"' in day.group(0)
    assert db.draw_plans.find_one({"_id": plan_id})["status"] == "draft"


def test_a_publish_refused_for_another_plan_says_so_beside_the_form(db, signed_in):
    site = signed_in
    first = _draft(db, "越秀区", name="先发布的计划")
    service.publish(db, actor=ADMIN, plan_id=first)
    unit_id = db.draw_plans.find_one({"_id": first})["unit_id"]
    second = service.create(db, actor=ADMIN, data=PlanCreate(name="后来的计划", unit_id=unit_id)).id
    path, day = f"/random-draws/{second}", str(clock.today() + timedelta(days=3))
    refused = site.post(f"{path}/publish", headers=ENGLISH, data={
        "csrf_token": form_token(site, path), "draw_on": day})
    assert refused.status_code == 409
    form = _form(refused.text, "draw-step-form")
    assert f"Plan {first} covers some of the same businesses" in form and "draw it first" in form
    field = _DRAW_DAY.search(form)
    assert field and f'value="{day}"' in field.group(0)
    assert "aria-invalid" not in field.group(0)  # the day is not what is wrong
    assert db.draw_plans.find_one({"_id": second})["status"] == "draft"


def test_a_refused_draw_comes_back_on_the_plan_page(db, signed_in):
    site = signed_in
    plan_id = _draft(db, "黄埔区", name="已抽取的计划")
    service.publish(db, actor=ADMIN, plan_id=plan_id)
    service.run(db, actor=ADMIN, plan_id=plan_id)
    path = f"/random-draws/{plan_id}"
    token = form_token(site, "/random-draws")  # a drawn plan's page has no form left
    refused = site.post(f"{path}/run", headers=ENGLISH, data={"csrf_token": token})
    assert refused.status_code == 409
    assert "已抽取的计划" in refused.text and 'id="draw-create-form"' not in refused.text
    error = refused.text[refused.text.index('id="draw-step-error"'):]
    assert error.index("Only a published plan that has not been drawn can be drawn.") < error.index("</div>")
    assert db.audit.count_documents({"action": "random_draw.run", "target": plan_id}) == 1


def test_a_draft_cannot_be_drawn_and_the_publish_form_says_why(db, signed_in):
    site = signed_in
    plan_id = _draft(db, "南沙区")
    path = f"/random-draws/{plan_id}"
    refused = site.post(f"{path}/run", headers=ENGLISH, data={"csrf_token": form_token(site, path)})
    assert refused.status_code == 409
    form = _form(refused.text, "draw-step-form")
    assert "Only a published plan that has not been drawn can be drawn." in form
    assert 'action="/random-draws/' + plan_id + '/publish"' in refused.text


def test_a_plan_created_twice_with_one_token_is_created_once(db, signed_in):
    site = signed_in
    factories.unit(db, id="U-CH", districts=("从化区",))
    page = site.get("/random-draws", headers=ENGLISH).text
    data = {"name": "双击创建的计划", "unit_id": "U-CH", "base_ratio_percent": "5",
            "csrf_token": form_token(site, "/random-draws"), "once": _once(page, "draw-create-form")}
    sent = [site.post("/random-draws", headers=ENGLISH, data=data, follow_redirects=False)
            for _ in range(2)]
    assert [answer.status_code for answer in sent] == [303, 303]
    assert sent[0].headers["location"] == sent[1].headers["location"]
    assert db.draw_plans.count_documents({"name": "双击创建的计划"}) == 1
    other = site.post("/random-draws", headers=ENGLISH, data=data | {"name": "另一个计划"},
                      follow_redirects=False)   # other text from the same page: a new plan
    assert other.status_code == 303 and other.headers["location"] != sent[0].headers["location"]


def test_a_refused_plan_keeps_its_token_so_the_mended_one_is_created_once(db, signed_in):
    site = signed_in
    factories.unit(db, id="U-ZC", districts=("增城区",))
    page = site.get("/random-draws", headers=ENGLISH).text
    token = _once(page, "draw-create-form")
    data = {"name": "增城抽查", "unit_id": "U-ZC", "base_ratio_percent": "500",
            "csrf_token": form_token(site, "/random-draws"), "once": token}
    refused = site.post("/random-draws", headers=ENGLISH, data=data)
    assert refused.status_code == 422 and _once(refused.text, "draw-create-form") == token
    mended = [site.post("/random-draws", headers=ENGLISH, data=data | {"base_ratio_percent": "5"},
                        follow_redirects=False) for _ in range(2)]
    assert [answer.status_code for answer in mended] == [303, 303]
    assert db.draw_plans.count_documents({"name": "增城抽查"}) == 1


def test_publish_and_draw_sent_twice_are_recorded_once(db, signed_in):
    site = signed_in
    plan_id = _draft(db, "花都区")
    path = f"/random-draws/{plan_id}"
    for step in ("publish", "run"):
        page = site.get(path, headers=ENGLISH).text
        data = {"csrf_token": form_token(site, path), "once": _once(page, "draw-step-form"),
                "draw_on": str(clock.today() + timedelta(days=2))}
        sent = [site.post(f"{path}/{step}", headers=ENGLISH, data=data, follow_redirects=False)
                for _ in range(2)]
        assert [answer.status_code for answer in sent] == [303, 303]
        assert sent[0].headers["location"] == sent[1].headers["location"] == path
        assert db.audit.count_documents({"action": f"random_draw.{step}", "target": plan_id}) == 1
    assert db.draw_plans.find_one({"_id": plan_id})["status"] == "drawn"


def test_a_refused_step_of_someone_signed_out_says_why_alone(db, site):
    plan_id = _draft(db, "萝岗区", name="无人登录")
    service.publish(db, actor=ADMIN, plan_id=plan_id)
    refused = site.post(f"/random-draws/{plan_id}/run", headers=ENGLISH,
                        data={"csrf_token": form_token(site, "/login")})
    assert refused.status_code == 401 and 'id="draw-step-form"' not in refused.text
    assert db.draw_plans.find_one({"_id": plan_id})["status"] == "published"


def test_the_verify_command_wraps_on_a_phone(db, site):
    plan_id = _draft(db, "番禺区", name="命令换行")
    service.publish(db, actor=ADMIN, plan_id=plan_id)
    page = site.get(f"/random-draws/{plan_id}", headers=ENGLISH).text
    assert re.search(r'<pre class="command"><code>python -m backend.random_draw verify', page)
    assert "pre.command{white-space:pre-wrap;overflow-wrap:anywhere}" in page  # the inlined theme
