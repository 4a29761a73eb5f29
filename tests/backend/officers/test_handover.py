"""An officer who leaves the service or moves to another unit leaves no work behind in their name:
their open tasks go back to their old unit's queue, and their grids too."""

from datetime import timedelta

import pytest

from backend import clock
from backend.grids import service as grids
from backend.grids.schemas import GridAssignment
from backend.tasks import service as tasks
from backend.tasks.schemas import ACTION_LABELS, TaskSource
from backend.users.schemas import Role
from tests import factories

OFFICERS = "/api/v1/officers"


@pytest.fixture(scope="module")
def admin(db, api):
    factories.unit(db, id="U-TH", districts=("天河区",))
    factories.unit(db, id="U-YX", districts=("越秀区",))
    return factories.signed_in(api, db, role=Role.ADMIN)


def _task(db, code, officer_id, title="检查"):
    return tasks.create(db, source=TaskSource.SPECIAL_CAMPAIGN, business_code=code, title=title,
                        deadline=clock.now() + timedelta(days=7), created_by="factory-admin",
                        assignee=officer_id).id


@pytest.mark.parametrize(("change", "action", "said"), [
    ({"in_service": False}, "returned_officer_left", "the officer left the service"),
    ({"unit_id": "U-YX"}, "returned_officer_moved", "moved to another unit"),
])
def test_open_tasks_and_grids_go_back_to_the_queue(db, api, admin, change, action, said):
    officer_id = factories.officer(db, unit_id="U-TH")
    code = factories.business(db, district="天河区")
    open_, closed = _task(db, code, officer_id), _task(db, code, officer_id, "已办")
    db.tasks.update_one({"_id": tasks.repository.object_id(closed)}, {"$set": {"status": "closed"}})
    grids.assign(db, actor=factories.ADMIN, district="天河区", grid=f"G-{officer_id}",
                 data=GridAssignment(officer_id=officer_id))
    response = api.patch(f"{OFFICERS}/{officer_id}", headers=admin, json=change)
    assert response.status_code == 200 and response.json()["tasks_returned"] == 1
    assert db.tasks.find_one({"_id": tasks.repository.object_id(open_)})["assignee"] is None
    assert db.tasks.find_one({"_id": tasks.repository.object_id(closed)})["assignee"] == officer_id
    last = db.task_events.find_one({"task_id": open_}, sort=[("at", -1), ("_id", -1)])
    assert (last["action"], last["note"]) == (action, officer_id)
    assert db.audit.find_one({"target": open_, "action": "task.returned_to_queue"})
    assert grids.responsible_officer(db, district="天河区", grid=f"G-{officer_id}") is None
    assert db.grid_officers.find_one({"officer_id": officer_id}) is None
    assert db.audit.find_one({"target": f"天河区|G-{officer_id}", "action": "grid.unassign"})
    assert ACTION_LABELS[action].endswith(said)


def test_an_unchanged_officer_keeps_their_work(db, api, admin):
    officer_id = factories.officer(db, unit_id="U-TH")
    task_id = _task(db, factories.business(db, district="天河区"), officer_id)
    response = api.patch(f"{OFFICERS}/{officer_id}", headers=admin, json={"unit_id": "U-TH"})
    assert response.json()["tasks_returned"] == 0
    assert db.tasks.find_one({"_id": tasks.repository.object_id(task_id)})["assignee"] == officer_id
