"""A district that moves to another unit takes its open tasks along: tasks are a unit's by their
district, so they are in the new unit's queue at once; one still assigned to an officer of the old
unit (who no longer sees it) goes back to that queue, with a history entry that says why."""

from collections.abc import Collection
from typing import Any, NamedTuple

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


class Moved(NamedTuple):
    """What `to_unit` did, or would do: the open tasks the districts bring to the unit, and how
    many of them had their assignee (an officer of another unit) cleared."""

    tasks: int
    unassigned: int


def to_unit(db: Database, *, actor: Actor, districts: list[str], officer_ids: Collection[str],
            dry_run: bool = False) -> Moved:
    """The open tasks of `districts`, now covered by the unit whose officers are `officer_ids`:
    those assigned to anyone else go back to the unit's queue. `dry_run`: counted the same way,
    nothing touched (what an administrator confirms before the change)."""
    found = repository.open_in_districts(db, districts, NOT_CLOSED)
    leaving = [task for task in found if task.get("assignee") and task["assignee"] not in officer_ids]
    if dry_run:
        return Moved(len(found), len(leaving))
    return Moved(len(found), sum(_back_to_queue(db, actor, task) for task in leaving))


def _back_to_queue(db: Database, actor: Actor, task: dict[str, Any]) -> bool:
    officer_id = task["assignee"]
    if not repository.release(db, task["_id"], officer_id=officer_id, statuses=NOT_CLOSED):
        return False  # closed or taken over meanwhile
    repository.add_event(db, task["_id"], {"at": clock.now(), "by": actor.username,
                                           "action": DISTRICT_MOVED, "note": officer_id, "files": []})
    audit.record(db, actor=actor, action="task.returned_to_queue", target=str(task["_id"]),
                 data={"assignee": None, "officer_id": officer_id, "reason": DISTRICT_MOVED,
                       "district": task["district"]})
    return True
