"""Forms that record a step once: the business's rectification evidence, an officer's inspection
and decision on a repair application. Sent twice with the page's one-time token (a double tap, a
resend), each is recorded once and the repeat gets the first answer, not a second record or an
error page. And the close form says whether the business reads the result."""

import re
from datetime import timedelta

import pytest

from backend import clock
from backend.config import get_settings
from backend.inspections import checklists
from backend.lists import service as lists
from backend.lists.schemas import EditionPublish
from backend.repair import service as repair
from backend.repair.schemas import RepairCreate
from backend.tasks import service as tasks
from backend.tasks import workflow
from backend.tasks.schemas import TaskRectify, TaskSource
from backend.users import service as users
from backend.users.schemas import Role
from tests import factories, repair_evidence
from tests.factories import days_from_today
from tests.portal.conftest import ENGLISH, form_token, sign_in

PNG = factories.photo("PNG")
_ONCE = re.compile(r'name="once"[^>]*value="([\w-]+)"|value="([\w-]+)"[^>]*name="once"')


@pytest.fixture(scope="module")
def scene(db):
    return factories.rectification_scene(db)


def _token(page: str, form_id: str) -> str:
    form = page[page.index(f'id="{form_id}"'):]
    found = _ONCE.search(form[:form.index("</form>")])
    assert found, f"no one-time token in {form_id}"
    return found.group(1) or found.group(2)


def test_evidence_sent_twice_is_recorded_once(site, scene, db):
    task_id, path = scene["task_id"], f"/tasks/{scene['task_id']}"
    sign_in(site, scene["shop"])
    page = site.get(path, headers=ENGLISH).text
    data = {"note": "冷柜已维修", "csrf_token": form_token(site, path), "once": _token(page, "task-evidence")}
    sent = [site.post(f"{path}/evidence", data=data, files=[("files", ("r.png", PNG, "image/png"))],
                      headers=ENGLISH, follow_redirects=False) for _ in range(2)]
    assert [answer.status_code for answer in sent] == [303, 303]
    assert sent[1].headers["location"] == sent[0].headers["location"] == path
    assert db.task_events.count_documents({"task_id": task_id, "action": "evidence"}) == 1
    assert db.uploads.count_documents({"owner": f"task:{task_id}"}) == 1
    other = site.post(f"{path}/evidence", data=data | {"note": "又补充一张照片"}, headers=ENGLISH,
                      follow_redirects=False)   # another text from the same page: a new sending
    assert other.status_code == 303
    assert db.task_events.count_documents({"task_id": task_id, "action": "evidence"}) == 2


def _close_form(page: str) -> str:
    form = page[page.index('id="task-close"'):]
    return form[:form.index("</form>")]


def test_the_close_form_says_whether_the_business_reads_the_result(site, scene, db):
    sign_in(site, scene["officer"])
    own = site.get(f"/tasks/{scene['task_id']}", headers=ENGLISH).text
    assert "Visible to the business: it reads this result on its task." in _close_form(own)
    complaint = tasks.create(db, source=TaskSource.COMPLAINT, business_code=scene["code"],
                             title="投诉：冷柜温度高", deadline=clock.now() + timedelta(days=10),
                             created_by="system")
    workflow.require_rectification(db, actor=users.actor_for(db, username=scene["officer"]),
                                   task_id=complaint.id,
                                   data=TaskRectify(deadline=days_from_today(5), note="维修冷柜"))
    theirs = site.get(f"/tasks/{complaint.id}", headers=ENGLISH).text
    assert "public tracking page" in _close_form(theirs)  # a complaint's: the complainant reads it
    assert "not shown to the business." in _close_form(theirs)
    assert "Visible to the business" not in _close_form(theirs)


def test_an_inspection_sent_twice_is_recorded_once(site, scene, db):
    sign_in(site, scene["officer"])
    start = f"/me/inspect?code={scene['code']}"
    token = form_token(site, start)
    ticks = {f"item-{n}": "ok" for n in range(len(checklists.FOOD_CHECKLIST))}
    step3 = site.post("/me/inspect/check", data={"code": scene["code"], **ticks, "csrf_token": token},
                      headers=ENGLISH)
    data = {"code": scene["code"], **ticks, "date": str(days_from_today(0)), "source": "routine",
            "co": scene["colleague"], "opinion": "符合要求", "deadline": "", "csrf_token": token,
            "once": _token(step3.text, "inspect-record-form")}
    before = db.inspections.count_documents({"business_code": scene["code"]})
    sent = [site.post("/me/inspect", data=data, headers=ENGLISH, follow_redirects=False) for _ in range(2)]
    assert [answer.status_code for answer in sent] == [303, 303]
    assert sent[1].headers["location"] == sent[0].headers["location"]
    assert db.inspections.count_documents({"business_code": scene["code"]}) == before + 1


def test_a_repair_decision_sent_twice_is_recorded_once(site, db, monkeypatch):
    monkeypatch.setattr(get_settings(), "repair_wait_days", 0)
    officer_id = factories.officer(db)
    code = factories.business(db, district="天河区")
    number = factories.penalty(db, code, measures=("suspension",), days_ago=3)
    lists.publish(db, actor=factories.ADMIN, data=EditionPublish())
    repair.record_fulfilment(db, actor=factories.ADMIN, decision_number=number,
                             fulfilled_on=days_from_today(0))
    shop = factories.user(db, role=Role.ENTERPRISE, business_code=code)
    owner = users.actor_for(db, username=shop)
    application = repair.apply(db, actor=owner, data=RepairCreate(
        business_code=code, statement="已整改", evidence=repair_evidence.documents(db, owner, code)))
    sign_in(site, factories.user(db, role=Role.OFFICER, officer_id=officer_id))
    page = site.get("/me", headers=ENGLISH).text
    data = {"approve": "yes", "reason": "材料齐全", "csrf_token": form_token(site, "/me"),
            "once": _token(page, f"repair-{application.id}")}
    sent = [site.post(f"/me/repair/{application.id}/decide", data=data, headers=ENGLISH,
                      follow_redirects=False) for _ in range(2)]
    assert [answer.status_code for answer in sent] == [303, 303]
    assert sent[1].headers["location"] == "/me?done=decided"
    assert repair.list_for(db, actor=factories.ADMIN, business_code=code).data[0].status == "approved"
