"""The rectification loop over the API: an inspection opens the business's task, it sends its
rectification, the officer sends it back or accepts it, and the business reads which and when."""

import pytest

from backend.config import get_settings
from backend.users.schemas import Role
from tests import factories, kitchen
from tests.factories import days_from_today

TASKS = "/api/v1/tasks"


@pytest.fixture(scope="module")
def team(db, api):
    factories.unit(db, id="U-TH", districts=("天河区",))
    code = factories.business(db, district="天河区")
    a, b = factories.officer(db), factories.officer(db)
    return {"code": code, "a": a, "b": b,
            "officer": factories.signed_in(api, db, role=Role.OFFICER, officer_id=a),
            "shop": factories.signed_in(api, db, role=Role.ENTERPRISE, business_code=code)}


def _inspected(api, team, **changes):
    body = {"business_code": team["code"], "date": str(days_from_today(0)), "source": "routine",
            "officer_ids": [team["a"], team["b"]], "result": "basically_compliant",
            "checked_items": ["食品贮存"], "items_found": ["冰箱生熟混放"],
            "rectification_deadline": str(days_from_today(7))} | changes
    response = api.post("/api/v1/inspections", json=body, headers=team["officer"])
    assert response.status_code == 201, response.text
    return response.json()


def test_the_loop_from_inspection_to_accepted_rectification(api, team):
    inspection = _inspected(api, team)
    mine = api.get(TASKS, params={"source": "inspection"}, headers=team["shop"]).json()["data"]
    [task] = [row for row in mine if row["ref"] == inspection["id"]]
    assert task["status"] == "rectifying" and task["rectification_deadline"][:10] == str(days_from_today(7))
    assert task["outcome"] is None and task["awaiting_decision"] is False
    url = f"{TASKS}/{task['id']}"
    sent = api.post(f"{url}/evidence", data={"note": "已分区存放"}, headers=team["shop"],
                    files=[("files", ("r.png", factories.photo("PNG"), "image/png"))])
    assert sent.status_code == 200 and sent.json()["awaiting_decision"] is True
    unsaid = api.post(f"{url}/close", json={"result": "复查合格"}, headers=team["officer"])
    assert unsaid.status_code == 422 and "say whether it is accepted" in unsaid.json()["detail"]
    body = {"reason": "生熟仍混放在同一层", "deadline": str(days_from_today(10))}
    assert api.post(f"{url}/send-back", json=body, headers=team["shop"]).status_code == 403
    assert api.post(f"{url}/send-back", json={"reason": ""}, headers=team["officer"]).status_code == 422
    back = api.post(f"{url}/send-back", json=body, headers=team["officer"])
    assert back.status_code == 200, back.text
    seen = api.get(url, headers=team["shop"]).json()
    assert seen["status"] == "rectifying" and seen["outcome"]["verdict"] == "sent_back"
    assert seen["outcome"]["reason"] == body["reason"] and seen["outcome"]["deadline"] == body["deadline"]
    assert seen["outcome"]["at"] and seen["rectification_deadline"][:10] == body["deadline"]
    again = api.post(f"{url}/send-back", json={"reason": "另一个"}, headers=team["officer"])
    assert again.status_code == 409  # decided: nothing waits for a decision
    api.post(f"{url}/evidence", data={"note": "已分层存放"}, headers=team["shop"])
    closed = api.post(f"{url}/close", json={"result": "复查合格", "rectification": "accepted"},
                      headers=team["officer"])
    assert closed.status_code == 200, closed.text
    seen = api.get(url, headers=team["shop"]).json()
    assert (seen["status"], seen["outcome"]["verdict"]) == ("closed", "accepted")
    assert [e["action"] for e in seen["history"]][-2:] == ["rectification_accepted", "closed"]


def test_a_refusal_says_why_to_the_business(api, team):
    inspection = _inspected(api, team, date=str(days_from_today(-1)))
    task = next(row for row in api.get(TASKS, params={"source": "inspection"}, headers=team["shop"]
                                       ).json()["data"] if row["ref"] == inspection["id"])
    url = f"{TASKS}/{task['id']}"
    api.post(f"{url}/evidence", data={"note": "已整改"}, headers=team["shop"])
    wordless = api.post(f"{url}/close", json={"result": "r", "rectification": "not_accepted"},
                        headers=team["officer"])
    assert wordless.status_code == 422 and "Tell the business why" in wordless.json()["detail"]
    api.post(f"{url}/close", json={"result": "转立案", "rectification": "not_accepted",
                                   "rectification_note": "复查仍不符合"}, headers=team["officer"])
    outcome = api.get(url, headers=team["shop"]).json()["outcome"]
    assert (outcome["verdict"], outcome["reason"]) == ("not_accepted", "复查仍不符合")


def test_a_compliant_inspection_opens_no_task(api, db, team):
    inspection = _inspected(api, team, date=str(days_from_today(-2)), result="compliant",
                            items_found=[], rectification_deadline=None)
    assert db.tasks.find_one({"source": "inspection", "ref": inspection["id"]}) is None


def test_an_overturned_alert_tells_the_business_its_order_is_withdrawn(db, api, monkeypatch):
    monkeypatch.setattr(get_settings(), "alert_auto_confirm", {"rat": 0.9})
    code = factories.business(db, district="天河区")
    headers = kitchen.headers_by_role(api, db, code)
    alert_id = kitchen.alert(db, kitchen.camera(db, code), kind="rat", confidence=0.97)
    shop = headers["enterprise of this business"]
    assert api.post(f"/api/v1/alerts/{alert_id}/rectify", headers=shop,
                    json={"note": "已灭鼠"}).status_code == 200
    dismissed = api.post(f"/api/v1/alerts/{alert_id}/dismiss", json={"reason": "是抹布"},
                         headers=headers["officer of its district"])
    assert dismissed.status_code == 200, dismissed.text
    task = db.tasks.find_one({"source": "ai_alert", "ref": alert_id})
    outcome = api.get(f"{TASKS}/{task['_id']}", headers=shop).json()["outcome"]
    assert outcome["verdict"] == "withdrawn" and "是抹布" in outcome["reason"]
