"""A kitchen alert and the rectification task it becomes point at each other, and a decision on
an alert says it is done in the address it lands on (so the notice outlives Dash's redraw)."""

from datetime import datetime, time

import pytest
from bson import ObjectId

from backend.config import get_settings
from backend.tasks import service as tasks
from backend.tasks.schemas import TaskSource
from backend.users.schemas import Role
from tests import factories, kitchen
from tests.portal.conftest import ENGLISH, form_token, sign_in


@pytest.fixture(scope="module")
def shop(db):
    factories.unit(db, id="U-TH", districts=("天河区",))
    code = factories.business(db, name="鼠患面馆")
    return code, factories.user(db, role=Role.ENTERPRISE, business_code=code)


@pytest.fixture(scope="module")
def officer(db):
    return factories.user(db, role=Role.OFFICER, officer_id=factories.officer(db, unit_id="U-TH"))


def test_a_confirmed_alert_and_its_task_link_to_each_other(site, db, shop, officer):
    code, username = shop
    alert_id = kitchen.alert(db, kitchen.camera(db, code, public=False), kind="rat", clip=3)
    sign_in(site, officer)
    confirmed = site.post(f"/alerts/{alert_id}/confirm", headers=ENGLISH, follow_redirects=False,
                          data={"csrf_token": form_token(site, "/alerts")})
    assert confirmed.status_code == 303 and confirmed.headers["location"] == "/alerts?done=confirmed"
    notice = site.get("/alerts?done=confirmed", headers=ENGLISH).text
    assert "Alert confirmed; a rectification task was created." in notice
    task_id = str(db.tasks.find_one({"ref": alert_id, "source": "ai_alert"})["_id"])
    queue = site.get("/alerts?status=confirmed", headers=ENGLISH).text
    assert f'href="/tasks/{task_id}"' in queue and "Its rectification task" in queue

    task = site.get(f"/tasks/{task_id}", headers=ENGLISH).text
    evidence = task[task.index('class="card card-task-alert"'):]
    evidence = evidence[:evidence.index("</section>")]
    assert f'src="/alerts/{alert_id}/snapshot.jpg"' in evidence
    assert all(f'src="/alerts/{alert_id}/clip/{index}.jpg"' in evidence for index in range(3))
    assert f'href="/alerts?status=confirmed#alert-{alert_id}"' in evidence

    sign_in(site, username)   # the business sees the same evidence on its task, and its kitchen page
    mine = site.get(f"/tasks/{task_id}", headers=ENGLISH).text
    assert f'src="/alerts/{alert_id}/snapshot.jpg"' in mine and 'href="/me/kitchen"' in mine


def test_a_task_from_elsewhere_shows_no_alert(site, db, shop, officer):
    code, _username = shop
    task = tasks.create(db, source=TaskSource.COMPLAINT, business_code=code, title="投诉核查",
                        deadline=datetime.combine(factories.days_from_today(5), time()), created_by="test")
    sign_in(site, officer)
    assert "card-task-alert" not in site.get(f"/tasks/{task.id}", headers=ENGLISH).text


@pytest.mark.parametrize(("auto", "tab", "landing"), [
    (False, "pending", "/alerts?done=dismissed"),
    (True, "confirmed", "/alerts?status=confirmed&done=dismissed")])
def test_a_dismissal_lands_on_its_tab_saying_so(site, db, shop, officer, monkeypatch, auto, tab, landing):
    code, _username = shop
    if auto:
        monkeypatch.setattr(get_settings(), "alert_auto_confirm", {"smoking": 0.5})
    alert_id = kitchen.alert(db, kitchen.camera(db, code), kind="smoking")
    assert db.alerts.find_one({"_id": ObjectId(alert_id)})["status"] == tab
    sign_in(site, officer)
    page = f"/alerts?status={tab}"
    dismissed = site.post(f"/alerts/{alert_id}/dismiss", headers=ENGLISH, follow_redirects=False,
                          data={"reason": "是抹布", "tab": tab, "csrf_token": form_token(site, page)})
    assert dismissed.status_code == 303 and dismissed.headers["location"] == landing
    assert "Alert dismissed." in site.get(landing, headers=ENGLISH).text


def test_an_unknown_done_says_nothing_and_a_refusal_stays_on_the_page(site, db, shop, officer):
    sign_in(site, officer)
    page = site.get("/alerts?done=<script>", headers=ENGLISH).text.split("<main", 1)[1].split("</main>")[0]
    assert 'class="notice notice-ok"' not in page and "<script>" not in page
    refused = site.post(f"/alerts/{'0' * 24}/confirm", headers=ENGLISH, follow_redirects=False,
                        data={"csrf_token": form_token(site, f"/me/inspect?code={shop[0]}")})
    assert refused.status_code == 404 and "notice-bad" in refused.text
