"""Alerts: seen by the unit's officers and the business concerned; confirmed or dismissed by the
unit's officers only; a confirmed alert becomes a task and counts in the business's record."""

import pytest

from backend.config import get_settings
from backend.users.schemas import Role
from tests import factories, kitchen
from tests.kitchen import ROLES

READERS = (401, 403, 403, 200, 200, 403, 200)
DECIDERS = (401, 403, 403, 403, 200, 403, 200)


@pytest.fixture(scope="module")
def world(db, api):
    code = factories.business(db, district="天河区", name="亮灶餐厅")
    return code, kitchen.camera(db, code), kitchen.headers_by_role(api, db, code)


@pytest.mark.parametrize("role, status", list(zip(ROLES, READERS, strict=True)))
def test_who_sees_the_alerts(db, api, world, role, status):
    code, camera_id, headers = world
    alert_id = kitchen.alert(db, camera_id)
    response = api.get("/api/v1/alerts", headers=headers[role])
    listed = response.status_code == 200 and alert_id in [a["id"] for a in response.json()["data"]]
    assert listed == (status == 200)
    snapshot = api.get(f"/api/v1/alerts/{alert_id}/snapshot.jpg", headers=headers[role])
    assert snapshot.status_code == status
    if status == 200:
        assert snapshot.headers["content-type"] == "image/jpeg"


@pytest.mark.parametrize("role, status", list(zip(ROLES, DECIDERS, strict=True)))
def test_who_may_confirm(db, api, world, role, status):
    code, camera_id, headers = world
    alert_id = kitchen.alert(db, camera_id, kind="smoking")
    response = api.post(f"/api/v1/alerts/{alert_id}/confirm", headers=headers[role], json={})
    assert response.status_code == status, response.text
    task = db.tasks.find_one({"source": "ai_alert", "ref": alert_id})
    assert (task is not None) == (status == 200)
    if status == 200:
        assert response.json()["status"] == "confirmed"
        assert response.json()["task_id"] == str(task["_id"])
        assert task["business_code"] == code and task["deadline"] > task["created_at"]


def test_a_confirmed_alert_is_a_rectification_task_the_business_sees(db, api, world):
    """It was created open, without a rectification deadline: the business never saw it among its
    tasks and could send no photos, and officers saw it as work to accept."""
    code, camera_id, headers = world
    alert_id = kitchen.alert(db, camera_id, kind="no_chef_hat")
    confirmed = api.post(f"/api/v1/alerts/{alert_id}/confirm", headers=headers["officer of its district"],
                         json={}).json()
    owner = headers["enterprise of this business"]
    mine = api.get("/api/v1/tasks", headers=owner).json()["data"]
    task = next(task for task in mine if task["id"] == confirmed["task_id"])
    assert task["status"] == "rectifying"
    assert task["rectification_deadline"][:10] == confirmed["rectify_by"][:10]


@pytest.mark.parametrize("role, status", list(zip(ROLES, DECIDERS, strict=True)))
def test_who_may_dismiss(db, api, world, role, status):
    _, camera_id, headers = world
    alert_id = kitchen.alert(db, camera_id, kind="phone")
    response = api.post(f"/api/v1/alerts/{alert_id}/dismiss", headers=headers[role],
                        json={"reason": "是顾客在就餐区打电话"})
    assert response.status_code == status, response.text
    assert (db.alerts.find_one({"kind": "phone", "status": "dismissed",
                                "reason": "是顾客在就餐区打电话"}) is not None) == (status == 200)
    db.alerts.update_many({"kind": "phone"}, {"$set": {"status": "pending"}})


def test_a_decision_is_made_once(db, api, world):
    _, camera_id, headers = world
    alert_id = kitchen.alert(db, camera_id)
    officer = headers["officer of its district"]
    assert api.post(f"/api/v1/alerts/{alert_id}/dismiss", headers=officer,
                    json={"reason": "误报"}).status_code == 200
    again = api.post(f"/api/v1/alerts/{alert_id}/confirm", headers=officer, json={})
    assert again.status_code == 409
    assert db.tasks.find_one({"ref": alert_id}) is None


def test_dismissing_needs_a_reason(api, db, world):
    _, camera_id, headers = world
    alert_id = kitchen.alert(db, camera_id)
    response = api.post(f"/api/v1/alerts/{alert_id}/dismiss", headers=headers["officer of its district"],
                        json={"reason": ""})
    assert response.status_code == 422


def test_a_confirmed_alert_counts_in_the_record_and_precision_follows_decisions(db, api):
    code = factories.business(db, district="天河区")
    camera_id = kitchen.camera(db, code)
    officer = factories.signed_in(api, db, role=Role.OFFICER,
                                  officer_id=factories.officer(db, unit_id="U-TH"))
    before = api.get("/api/v1/alerts/precision").json()
    rat_before = next(row for row in before["classes"] if row["kind"] == "rat")
    confirmed, dismissed = kitchen.alert(db, camera_id, kind="rat"), kitchen.alert(db, camera_id, kind="rat")
    assert api.post(f"/api/v1/alerts/{confirmed}/confirm", headers=officer).status_code == 200  # no body
    api.post(f"/api/v1/alerts/{dismissed}/dismiss", headers=officer, json={"reason": "是一只猫"})
    record = api.get(f"/api/v1/businesses/{code}").json()
    assert record["kitchen"]["confirmed_30d"] == 1 and record["kitchen"]["cameras"] == 1
    rat = next(row for row in api.get("/api/v1/alerts/precision").json()["classes"] if row["kind"] == "rat")
    assert (rat["confirmed"], rat["dismissed"]) == (rat_before["confirmed"] + 1, rat_before["dismissed"] + 1)
    assert rat["precision"] == round(rat["confirmed"] / (rat["confirmed"] + rat["dismissed"]), 3)
    body = api.get("/api/v1/alerts/precision").json()  # names the model the workers run, as the page does
    assert (body["model"], body["version"]) == ("test", "0")


def test_the_business_reports_its_rectification_of_a_confirmed_alert(db, api, world):
    _, camera_id, headers = world
    alert_id = kitchen.alert(db, camera_id, kind="bin_open")
    shop = headers["enterprise of this business"]
    note = {"note": "垃圾桶已加盖，员工已培训"}
    assert api.post(f"/api/v1/alerts/{alert_id}/rectify", headers=shop, json=note).status_code == 409
    api.post(f"/api/v1/alerts/{alert_id}/confirm", headers=headers["officer of its district"], json={})
    done = api.post(f"/api/v1/alerts/{alert_id}/rectify", headers=shop, json=note)
    assert done.status_code == 200 and done.json()["rectification"] == note["note"]
    officer = headers["officer of its district"]
    task = api.get(f"/api/v1/tasks/{done.json()['task_id']}", headers=officer).json()
    assert [(e["action"], e["note"]) for e in task["history"]][-1] == ("rectification_reported", note["note"])
    assert api.post(f"/api/v1/alerts/{alert_id}/rectify", headers=headers["enterprise of another business"],
                    json=note).status_code == 403
    officer = api.post(f"/api/v1/alerts/{alert_id}/rectify", headers=headers["officer of its district"],
                       json={"note": "代企业填写"})  # the business reports, the officer checks
    assert officer.status_code == 403 and officer.json()["detail"] != ""
    assert api.get(f"/api/v1/alerts/{alert_id}", headers=shop).json()["rectification"] == note["note"]


@pytest.mark.parametrize(("confidence", "counted"), [(0.95, True), (0.9, True), (0.85, False)])
def test_an_alert_above_the_published_confidence_counts_without_an_officer(db, api, monkeypatch,
                                                                             confidence, counted):
    monkeypatch.setattr(get_settings(), "alert_auto_confirm", {"rat": 0.9})
    code = factories.business(db, district="天河区")
    camera_id = kitchen.camera(db, code)
    rats_judged = next(row for row in api.get("/api/v1/alerts/precision").json()["classes"]
                       if row["kind"] == "rat")
    alert_id = kitchen.alert(db, camera_id, kind="rat", confidence=confidence)
    alert = db.alerts.find_one({"kind": "rat", "camera_id": camera_id})
    task = db.tasks.find_one({"source": "ai_alert", "ref": alert_id})
    assert (alert["status"] == "confirmed") is counted and (task is not None) is counted
    assert api.get(f"/api/v1/businesses/{code}").json()["kitchen"]["confirmed_30d"] == int(counted)
    if counted:
        assert (alert["decided_by"], alert["auto_threshold"]) == ("auto-confirm", 0.9)
        assert task["business_code"] == code
    rats = next(row for row in api.get("/api/v1/alerts/precision").json()["classes"] if row["kind"] == "rat")
    assert rats["confirmed"] == rats_judged["confirmed"]  # no officer judged it: not in the precision
    rules = api.get("/api/v1/alerts/rules").json()["data"]
    assert next(rule for rule in rules if rule["kind"] == "rat")["counts_without_officer_from"] == 0.9


def test_an_officer_dismisses_an_alert_that_counted_without_one(db, api, world, monkeypatch):
    """A false automatic alert is not final: dismissed, it leaves the record and its task closes."""
    monkeypatch.setattr(get_settings(), "alert_auto_confirm", {"rat": 0.9})
    _, _, headers = world
    code = factories.business(db, district="天河区")
    alert_id = kitchen.alert(db, kitchen.camera(db, code), kind="rat", confidence=0.97)
    rats_before = next(row for row in api.get("/api/v1/alerts/precision").json()["classes"]
                       if row["kind"] == "rat")
    assert api.get(f"/api/v1/businesses/{code}").json()["kitchen"]["confirmed_30d"] == 1
    url = f"/api/v1/alerts/{alert_id}/dismiss"
    assert api.post(url, json={"reason": "是抹布"}, headers=headers["enterprise of this business"]
                    ).status_code == 403
    response = api.post(url, json={"reason": "是抹布，不是老鼠"}, headers=headers["officer of its district"])
    assert response.status_code == 200, response.text
    alert = response.json()
    assert (alert["status"], alert["overturned"], alert["rectify_by"]) == ("dismissed", True, None)
    assert api.get(f"/api/v1/businesses/{code}").json()["kitchen"]["confirmed_30d"] == 0
    task = db.tasks.find_one({"source": "ai_alert", "ref": alert_id})
    assert task["status"] == "closed" and "是抹布，不是老鼠" in task["result"]
    rats = next(row for row in api.get("/api/v1/alerts/precision").json()["classes"] if row["kind"] == "rat")
    assert rats["dismissed"] == rats_before["dismissed"] + 1  # an officer judged it: a false alarm
    again = api.post(url, json={"reason": "再驳回一次"}, headers=headers["officer of its district"])
    assert again.status_code == 409

