"""A district that moves to another unit takes its open tasks along: tasks are a unit's by their
district, so they are in the new unit's queue at once; one still assigned to an officer of the old
unit (who no longer sees it) goes back to that queue, with a history entry that says why."""

from collections.abc import Collection

from pymongo.database import Database

from backend import clock
from backend.audit import service as audit
from backend.tasks import repository
from backend.tasks.schemas import NOT_CLOSED
from backend.users.schemas import Actor

# The history entry of a task whose district moved (the note names the officer it was assigned to).
DISTRICT_MOVED = "returned_district_moved"


def open_count(db: Database, *, districts: list[str]) -> int:
    return len(repository.open_in_districts(db, districts, NOT_CLOSED))


def to_unit(db: Database, *, actor: Actor, districts: list[str], officer_ids: Collection[str]) -> int:
    """The open tasks of `districts`, now covered by the unit whose officers are `officer_ids`:
    those assigned to anyone else go back to the unit's queue. How many open tasks the districts
    bring to the unit."""
    found = repository.open_in_districts(db, districts, NOT_CLOSED)
    for task in found:
        officer_id = task.get("assignee")
        if not officer_id or officer_id in officer_ids:
            continue
        if not repository.release(db, task["_id"], officer_id=officer_id, statuses=NOT_CLOSED):
            continue  # closed or taken over meanwhile
        repository.add_event(db, task["_id"], {"at": clock.now(), "by": actor.username,
                                               "action": DISTRICT_MOVED, "note": officer_id, "files": []})
        audit.record(db, actor=actor, action="task.returned_to_queue", target=str(task["_id"]),
                     data={"assignee": None, "officer_id": officer_id, "reason": DISTRICT_MOVED,
                           "district": task["district"]})
    return len(found)
