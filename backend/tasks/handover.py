"""Work an officer leaves behind: when they leave the service or move to another unit, their open
tasks go back to their old unit's shared queue (nobody assigned), each with a history entry that
says why, so that a colleague takes them on instead of them waiting on someone gone."""

from collections.abc import Collection

from pymongo.database import Database

from backend import clock
from backend.audit import service as audit
from backend.tasks import repository
from backend.tasks.schemas import NOT_CLOSED
from backend.users.schemas import Actor

# The history entries (task_views labels them; the note names the officer).
OFFICER_LEFT = "returned_officer_left"
OFFICER_MOVED = "returned_officer_moved"


def return_to_queue(db: Database, *, actor: Actor, officer_id: str, reason: str,
                    kept_districts: Collection[str] = ()) -> int:
    """`reason`: OFFICER_LEFT or OFFICER_MOVED; tasks in `kept_districts` (the ones the officer's
    new unit covers too) stay theirs. How many tasks went back."""
    returned = 0
    for task in repository.assigned_to(db, officer_id, NOT_CLOSED):
        if task["district"] in kept_districts:
            continue
        if not repository.release(db, task["_id"], officer_id=officer_id, statuses=NOT_CLOSED):
            continue
        repository.add_event(db, task["_id"], {"at": clock.now(), "by": actor.username, "action": reason,
                                               "note": officer_id, "files": []})
        audit.record(db, actor=actor, action="task.returned_to_queue", target=str(task["_id"]),
                     data={"assignee": None, "officer_id": officer_id, "reason": reason})
        returned += 1
    return returned
