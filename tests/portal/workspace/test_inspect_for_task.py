"""Recording the inspection a drawn task asks for, from the task's page: the task is done, the plan
shows the result, and a team other than the one drawn is said."""

import re

import pytest

from backend.inspections import checklists
from backend.random_draw import service as random_draw
from backend.random_draw.schemas import PlanCreate
from backend.tasks import repository as task_rows
from backend.users.schemas import Role
from tests import factories
from tests.factories import ADMIN
from tests.portal.conftest import ENGLISH, form_token, sign_in


@pytest.fixture(scope="module")
def scene(db):
    factories.unit(db, id="U-HP", districts=("黄埔区",))
    officers = [factories.officer(db, unit_id="U-HP", name=f"抽查员{n}") for n in range(4)]
    code = factories.business(db, district="黄埔区", name="抽中小馆")
    plan = random_draw.create(db, actor=ADMIN, data=PlanCreate(name="黄埔区抽查", unit_id="U-HP",
                                                               base_ratio=1))
    random_draw.publish(db, actor=ADMIN, plan_id=plan.id)
    target = random_draw.run(db, actor=ADMIN, plan_id=plan.id).drawn[0]
    assert target.business_code == code
    task = task_rows.find(db, {"source": "random_draw", "ref": plan.id})[0]
    me = target.officer_ids[0]
    stand_in = next(o for o in officers if o not in target.officer_ids)
    return {"code": code, "plan": plan.id, "task": str(task["_id"]), "stand_in": stand_in,
            "user": factories.user(db, role=Role.OFFICER, officer_id=me)}


def test_the_task_page_links_to_the_inspection_and_the_plan_shows_its_result(site, scene):
    sign_in(site, scene["user"])
    task_page = site.get(f"/tasks/{scene['task']}", headers=ENGLISH).text
    link = f"/me/inspect?code={scene['code']}&amp;task={scene['task']}"
    assert "Record the inspection" in task_page and link in task_page
    step2 = site.get(link.replace("&amp;", "&"), headers=ENGLISH).text
    assert "For the task" in step2 and f'value="{scene["task"]}"' in step2
    token = form_token(site, f"/me/inspect?code={scene['code']}&task={scene['task']}")
    ticks = {f"item-{n}": "ok" for n in range(len(checklists.FOOD_CHECKLIST))}
    step3 = site.post("/me/inspect/check", data={"code": scene["code"], "task": scene["task"], **ticks,
                                                  "csrf_token": token}, headers=ENGLISH)
    chosen = re.findall(r'<option[^>]*value="random_draw"[^>]*>', step3.text)
    assert chosen and "selected" in chosen[0]   # the source the task gives, preselected
    done = site.post("/me/inspect", data={
        "code": scene["code"], "task": scene["task"], **ticks, "date": str(factories.days_from_today(0)),
        "source": "random_draw", "co": scene["stand_in"], "opinion": "", "deadline": "",
        "csrf_token": token}, headers=ENGLISH, follow_redirects=False)
    assert done.status_code == 303, done.text
    assert done.headers["location"] == f"/me?done=inspected_off_draw&code={scene['code']}"
    said = site.get(done.headers["location"], headers=ENGLISH).text
    assert "The team is not the one drawn" in said
    assert "Closed" in site.get(f"/tasks/{scene['task']}", headers=ENGLISH).text
    plan = site.get(f"/random-draws/{scene['plan']}", headers=ENGLISH).text
    assert "Inspected" in plan and "Compliant" in plan and "Not the team drawn" in plan
