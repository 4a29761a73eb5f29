"""A review escalated as a complaint follows the complaint rules: the stage deadlines in force, the
grid's officer; the published review says when it was referred; the trail files it under the review."""

import pytest

from backend import clock
from backend.audit import service as audit
from backend.errors import Conflict
from backend.grids import service as grids
from backend.grids.schemas import GridAssignment
from backend.reviews import service
from backend.reviews.schemas import EscalationCreate
from backend.tasks import workflow
from backend.users.schemas import Actor, Role
from backend.workdays import add_working_days
from tests import factories
from tests.factories import ADMIN


@pytest.fixture(scope="module")
def scene(db, api):
    factories.unit(db, id="U-TH", districts=("天河区",))
    grid_officer = factories.officer(db, unit_id="U-TH")
    code = factories.business(db, district="天河区", grid="TH-01")
    grids.assign(db, actor=ADMIN, district="天河区", grid="TH-01",
                 data=GridAssignment(officer_id=grid_officer))
    admin = factories.signed_in(api, db, role=Role.ADMIN)
    saved = api.patch("/api/v1/settings", json={"complaint_accept_days": 10}, headers=admin)
    assert saved.status_code == 200, saved.text
    written = api.post(f"/api/v1/businesses/{code}/reviews", json={"text": "后厨有老鼠，很差", "stars": 1})
    assert written.status_code == 201, written.text
    officer = factories.signed_in(api, db, role=Role.OFFICER, unit_id="U-TH",
                                  officer_id=factories.officer(db, unit_id="U-TH"))
    escalated = api.post(f"/api/v1/reviews/{written.json()['id']}/escalate", json={"note": "涉及卫生"},
                         headers=officer)
    assert escalated.status_code == 201, escalated.text
    [task] = api.get("/api/v1/tasks", params={"source": "review_escalation"}, headers=officer).json()["data"]
    return {"code": code, "grid_officer": grid_officer, "review": escalated.json(), "task": task,
            "officer": officer}


def _day(n: int) -> str:
    return clock.end_of_day(add_working_days(clock.today(), n)).isoformat() + "+00:00"


def test_its_task_has_the_complaint_stages_with_the_deadlines_in_force(scene):
    task = scene["task"]
    assert [(stage["name"], stage["due"]) for stage in task["stages"]] == [
        ("accept", _day(10)), ("verify", _day(15))]   # 10: the setting as changed, not a fixed 7
    assert (task["deadline"], task["deadline_stage"]) == (_day(10), "accept")


def test_it_goes_to_the_grids_officer_as_a_complaint_does(scene):
    assert scene["task"]["assignee"] == scene["grid_officer"]


def test_once_taken_on_the_verification_is_still_tracked(db, scene):
    officer = Actor(username="off.grid", role=Role.OFFICER, officer_id=scene["grid_officer"], unit_id="U-TH",
                    unit_districts=["天河区"])
    accepted = workflow.accept(db, actor=officer, task_id=scene["task"]["id"])
    assert (accepted.deadline_stage, accepted.deadline.isoformat() + "+00:00") == ("verify", _day(15))


def test_the_published_review_says_when_it_was_referred_and_its_deadlines(api, scene):
    [review] = api.get(f"/api/v1/businesses/{scene['code']}/reviews").json()["data"]
    assert review["escalated"] is True
    assert review["referral"] | {"at": None} == {"at": None, "decide_by": _day(10), "verify_by": _day(15)}
    assert review["referral"]["at"] == scene["review"]["referral"]["at"] is not None
    [profiled] = api.get(f"/api/v1/businesses/{scene['code']}").json()["reviews"]
    assert profiled["referral"] == review["referral"]   # the QR page's record carries it too


def test_the_trail_files_it_under_the_review_and_the_business_still_lists_it(db, scene):
    review_id = scene["review"]["id"]
    under_review = audit.listed(db, actor=ADMIN, target=review_id, action="review.").data
    assert [entry.action for entry in under_review] == ["review.escalate", "review.submit"]
    assert {entry.data["business_code"] for entry in under_review} == {scene["code"]}
    under_business = [entry.action for entry in audit.listed(db, actor=ADMIN, target=scene["code"],
                                                             action="review.").data]
    assert under_business == ["review.escalate", "review.submit"]


def test_escalating_twice_is_refused_and_opens_no_second_task(db, scene):
    officer = Actor(username="off", role=Role.OFFICER, officer_id="x", unit_id="U-TH",
                    unit_districts=["天河区"])
    with pytest.raises(Conflict, match="already been escalated"):
        service.escalate(db, actor=officer, review_id=scene["review"]["id"], data=EscalationCreate())
    assert db.tasks.count_documents({"source": "review_escalation"}) == 1
