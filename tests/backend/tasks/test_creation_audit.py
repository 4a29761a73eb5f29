"""The audit trail names who opened each task: the signed-in officer or administrator whose step
opened it, "anonymous" only for the public's work (a complaint) and the draw-day worker's own name."""

import pytest

from backend.alerts import service as alerts
from backend.alerts.schemas import AlertConfirm
from backend.audit import service as audit
from backend.complaints import service as complaints
from backend.complaints.schemas import ComplaintCreate
from backend.inspections import service as inspections
from backend.inspections.schemas import InspectionCreate
from backend.random_draw import service as random_draw
from backend.random_draw.schemas import PlanCreate
from backend.reviews import scoring
from backend.reviews import service as reviews
from backend.reviews.schemas import EscalationCreate, ReviewCreate
from backend.users.schemas import Actor, Role
from tests import factories, kitchen
from tests.backend.reviews.conftest import WordScorer
from tests.factories import ADMIN, days_from_today


@pytest.fixture(scope="module")
def scene(db):
    factories.unit(db, id="U-TH", districts=("天河区",))
    me = factories.officer(db, unit_id="U-TH")
    return {"code": factories.business(db, district="天河区"), "me": me,
            "colleague": factories.officer(db, unit_id="U-TH"),
            "officer": Actor(username="officer.audited", role=Role.OFFICER, officer_id=me, unit_id="U-TH",
                             unit_districts=["天河区"])}


def _created_by(db, task_id: str) -> str:
    [entry] = audit.listed(db, actor=ADMIN, action="task.create", target=task_id).data
    return entry.actor


def test_an_inspection_with_findings_names_its_officer(db, scene):
    recorded = inspections.record(db, actor=scene["officer"], data=InspectionCreate(
        business_code=scene["code"], date=days_from_today(0), source="routine",
        officer_ids=[scene["me"], scene["colleague"]],
        result="non_compliant", checked_items=["食品贮存"], items_found=["冰箱生熟混放"],
        rectification_deadline=days_from_today(10)))
    task = db.tasks.find_one({"source": "inspection", "ref": recorded.id})
    assert _created_by(db, str(task["_id"])) == "officer.audited"
    # /admin/audit?actor=officer.audited finds it
    assert audit.listed(db, actor=ADMIN, action="task.create", by="officer.audited").data


def test_escalating_a_review_names_the_officer(db, scene):
    scoring.use(WordScorer())
    try:
        review_id = reviews.submit(db, actor=None, client="audit-review", code=scene["code"],
                                   data=ReviewCreate(text="很差，吃完拉肚子")).id
        scoring.score_pending(db)
    finally:
        scoring.use(None)
    reviews.escalate(db, actor=scene["officer"], review_id=review_id,
                     data=EscalationCreate())
    task = db.tasks.find_one({"source": "review_escalation", "ref": review_id})
    assert _created_by(db, str(task["_id"])) == "officer.audited"


def test_confirming_an_alert_names_the_officer(db, scene):
    alert_id = kitchen.alert(db, kitchen.camera(db, scene["code"]))
    confirmed = alerts.confirm(db, actor=scene["officer"], alert_id=alert_id, data=AlertConfirm())
    assert _created_by(db, confirmed.task_id) == "officer.audited"


def test_a_random_draw_names_the_administrator(db, scene):
    factories.unit(db, id="U-PY", districts=("番禺区",))
    for n in range(2):
        factories.officer(db, unit_id="U-PY", name=f"抽查员{n}")
    for _ in range(4):
        factories.business(db, district="番禺区")
    plan_id = random_draw.create(db, actor=ADMIN, data=PlanCreate(name="番禺双随机", unit_id="U-PY",
                                                                   base_ratio=1.0)).id
    random_draw.publish(db, actor=ADMIN, plan_id=plan_id)
    random_draw.run(db, actor=ADMIN, plan_id=plan_id)
    drawn = list(db.tasks.find({"source": "random_draw", "ref": plan_id}))
    assert drawn and {_created_by(db, str(task["_id"])) for task in drawn} == {ADMIN.username}


def test_a_complaint_from_the_public_has_no_account(db, scene):
    complaints.submit(db, data=ComplaintCreate(business_code=scene["code"], category="hygiene",
                                               text="后厨老鼠乱窜，餐具不洗"), client="audit-public")
    task = db.tasks.find_one({"source": "complaint", "business_code": scene["code"]})
    assert _created_by(db, str(task["_id"])) == "anonymous"
