"""A published plan is drawn on its draw day by the worker, so none waits undrawn; an
administrator may still draw it before."""

from datetime import timedelta

import pytest

from backend import clock, workdays, worker
from backend.errors import Conflict, Invalid
from backend.random_draw import jobs, service
from backend.random_draw.schemas import PlanCreate, PlanPublish
from tests import factories
from tests.factories import ADMIN

UNITS = {"海珠区": "U-HZ", "荔湾区": "U-LW", "白云区": "U-BY", "黄埔区": "U-HP", "南沙区": "U-NS"}


def _plan(db, district: str) -> str:
    unit = factories.unit(db, id=UNITS[district], districts=(district,))
    for n in range(2):
        factories.officer(db, unit_id=unit, name=f"{district}抽查员{n}")
    for _ in range(4):
        factories.business(db, district=district)
    return service.create(db, actor=ADMIN, data=PlanCreate(name=f"{district}双随机抽查", unit_id=unit,
                                                            base_ratio=0.5)).id


def test_the_draw_day_is_the_next_working_day_unless_chosen_within_thirty_days(db):
    plan_id, today = _plan(db, "海珠区"), clock.today()
    for wrong in (today - timedelta(days=1), today + timedelta(days=service.DRAW_WITHIN_DAYS + 1)):
        with pytest.raises(Invalid, match="draw day"):
            service.publish(db, actor=ADMIN, plan_id=plan_id, data=PlanPublish(draw_on=wrong))
    assert service.get(db, actor=ADMIN, plan_id=plan_id).status == "draft"   # nothing published
    published = service.publish(db, actor=ADMIN, plan_id=plan_id)
    assert published.draw_on == workdays.add_working_days(today, 1)
    assert service.get(db, actor=None, plan_id=plan_id).draw_on == published.draw_on
    service.run(db, actor=ADMIN, plan_id=plan_id)   # drawn before its day by an administrator


def test_the_worker_draws_each_plan_once_on_its_day(db):
    today = clock.today()
    due, later, old = _plan(db, "荔湾区"), _plan(db, "白云区"), _plan(db, "黄埔区")
    service.publish(db, actor=ADMIN, plan_id=due, data=PlanPublish(draw_on=today))
    service.publish(db, actor=ADMIN, plan_id=later, data=PlanPublish(draw_on=today + timedelta(days=3)))
    service.publish(db, actor=ADMIN, plan_id=old)
    # a plan published before draw days existed: due the working day after its publication
    db.draw_plans.update_one({"_id": old}, {"$unset": {"draw_on": ""},
                                            "$set": {"published_at": clock.now() - timedelta(days=9)}})
    job = next(job for job in worker.jobs() if job.name == "random_draw.due")
    assert job.run is service.draw_due and jobs.JOBS.count(job) == 1
    assert worker.run_job(db, job) and not worker.run_job(db, job)   # once per period across workers
    assert service.get(db, actor=None, plan_id=due).status == "drawn"
    assert service.get(db, actor=None, plan_id=old).status == "drawn"
    assert service.get(db, actor=None, plan_id=later).status == "published"
    assert service.draw_due(db) == []   # nothing else due, nothing drawn twice
    drawn = service.get(db, actor=None, plan_id=due)
    created = list(db.audit.find({"action": "task.create", "data.ref": due}))
    assert len(created) == len(drawn.drawn or []) > 0
    assert {entry["data"]["created_by"] for entry in created} == {"system"}
    assert db.audit.find_one({"action": "random_draw.run", "target": due})["actor"] == "system"


def test_a_draft_over_a_district_its_unit_gave_up_is_not_published(db):
    plan_id = _plan(db, "南沙区")
    db.units.update_one({"_id": UNITS["南沙区"]}, {"$set": {"districts": ["番禺区"]}})
    with pytest.raises(Conflict, match="no longer covers 南沙区"):
        service.publish(db, actor=ADMIN, plan_id=plan_id)
    assert service.get(db, actor=ADMIN, plan_id=plan_id).status == "draft"
