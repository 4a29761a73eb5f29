"""What a task's forms tell the officer before they write or take it on: a complaint's result and
closing text are published on its tracking page; accepting a task routed to a colleague takes it."""

from datetime import timedelta

import pytest

from backend import clock
from backend.complaints import service as complaints
from backend.complaints.schemas import ComplaintCreate
from backend.tasks import service as tasks
from backend.tasks import workflow
from backend.tasks.schemas import TaskResult, TaskSource
from backend.users import service as users
from backend.users.schemas import Role
from tests import factories
from tests.portal.conftest import ENGLISH, form_token, sign_in

PUBLISHED = "Published word for word on the complaint's public tracking page"


@pytest.fixture(scope="module")
def scene(db):
    factories.unit(db, id="U-TH", districts=("天河区",))
    me, colleague = factories.officer(db, name="甲执法"), factories.officer(db, name="夏杰")
    return {"code": factories.business(db, district="天河区"), "me": me, "colleague": colleague,
            "officer": factories.user(db, role=Role.OFFICER, officer_id=me)}


def _form(page: str, form_id: str) -> str:
    form = page[page.index(f'id="{form_id}"'):]
    return form[:form.index("</form>")]


def test_a_complaints_result_and_closing_say_the_complainant_reads_them(site, db, scene):
    created = complaints.submit(db, data=ComplaintCreate(business_code=scene["code"], category="hygiene",
                                                         text="后厨老鼠乱窜，餐具不洗"), client="hints")
    task_id = db.complaints.find_one({"tracking_code": created.tracking_code})["task_id"]
    officer = users.actor_for(db, username=scene["officer"])
    workflow.accept(db, actor=officer, task_id=task_id)
    sign_in(site, scene["officer"])
    page = site.get(f"/tasks/{task_id}", headers=ENGLISH).text
    for form_id in ("task-result", "task-close"):
        assert PUBLISHED in _form(page, form_id) and "Not shown to the business." not in _form(page, form_id)
    workflow.record_result(db, actor=officer, task_id=task_id, data=TaskResult(result="已核实，责令清洁"))
    tracked = site.get(f"/track/{created.tracking_code}", headers=ENGLISH).text
    assert "已核实，责令清洁" in tracked  # as the hint says: word for word


def test_other_tasks_of_third_parties_stay_with_the_officers(site, db, scene):
    escalated = tasks.create(db, source=TaskSource.REVIEW_ESCALATION, business_code=scene["code"],
                             title="很差", deadline=clock.now() + timedelta(days=5), created_by="system")
    sign_in(site, scene["officer"])
    page = site.get(f"/tasks/{escalated.id}", headers=ENGLISH).text
    assert "Not shown to the business." in _form(page, "task-close") and PUBLISHED not in page


def test_accepting_a_task_routed_to_a_colleague_takes_it_over(site, db, scene):
    routed = tasks.create(db, source=TaskSource.COMPLAINT, business_code=scene["code"], title="投诉",
                          deadline=clock.now() + timedelta(days=5), created_by="system",
                          assignee=scene["colleague"]).id
    sign_in(site, scene["officer"])
    page = site.get(f"/tasks/{routed}", headers=ENGLISH).text
    assert (f"It was routed to 夏杰 ({scene['colleague']}): accepting makes you its assignee instead."
            in _form(page, "task-accept"))
    accepted = site.post(f"/tasks/{routed}/accept", headers=ENGLISH,
                         data={"csrf_token": form_token(site, f"/tasks/{routed}")})
    assert accepted.status_code == 200
    assert f"Taken over from {scene['colleague']}" in accepted.text
    assert f'href="/officers/{scene["me"]}"' in accepted.text  # the assignee now
    assert "It was routed to" not in accepted.text
