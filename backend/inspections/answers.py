"""The task an inspection answers (a drawn business's 双随机 task, a complaint's): checked before
the record, moved on after it, so the result reaches the plan that drew it and the complaint."""

from typing import Any

from pymongo.database import Database

from backend.errors import Conflict, Invalid, Words
from backend.inspections.schemas import RESULT_LABELS, SOURCE_LABELS, InspectionCreate, InspectionSource
from backend.phrases import Phrase
from backend.random_draw import service as random_draw
from backend.tasks import service as tasks
from backend.tasks import workflow
from backend.tasks.schemas import TaskSource, TaskStatus
from backend.users.schemas import Actor

# The work an inspection answers, and the source it is recorded with.
ANSWERED_BY = {TaskSource.RANDOM_DRAW: InspectionSource.RANDOM_DRAW,
               TaskSource.COMPLAINT: InspectionSource.COMPLAINT,
               TaskSource.SPECIAL_CAMPAIGN: InspectionSource.SPECIAL_CAMPAIGN}


def linked(db: Database, *, actor: Actor, data: InspectionCreate,
           business: dict[str, Any]) -> dict[str, Any]:
    """What the inspection stores of its task (nothing without one), refused unless the task is
    the same business's, still open, work an inspection answers, and recorded with its source.
    A drawn task's inspection says whether its team is the one drawn (`off_draw`): allowed, as
    officers fall ill, but published beside the result."""
    if not data.task_id:
        return {}
    task = tasks.load(db, data.task_id)
    tasks.require_can_see(actor, task)
    if task["business_code"] != business["code"]:
        raise Invalid("Task {task} is about another business, not {business}.",
                      task=data.task_id, business=business["name"])
    source = ANSWERED_BY.get(TaskSource(task["source"]))
    if source is None:
        raise Invalid("Only a random inspection, complaint or special campaign task is answered by "
                      "an inspection.")
    if data.source != source:
        raise Invalid("Task {task} is work of the source {source}: record its inspection with that "
                      "source.", task=data.task_id, source=Words(SOURCE_LABELS[source]))
    if task["status"] == TaskStatus.CLOSED:
        raise Conflict("Task {task} is already closed: record the inspection without it.",
                       task=data.task_id)
    fields: dict[str, Any] = {"task_id": str(task["_id"])}
    if source == InspectionSource.RANDOM_DRAW:
        team = random_draw.drawn_team(db, plan_id=task.get("ref") or "", business_code=business["code"])
        fields |= {"draw_plan_id": task.get("ref"),
                   "off_draw": team is None or set(team) != set(data.officer_ids)}
    return fields


def move_on(db: Database, *, actor: Actor, inspection: dict[str, Any]) -> None:
    """The task is done with a drawn business's inspection; a complaint's has its result."""
    if not inspection.get("task_id"):
        return
    workflow.answered_by_inspection(
        db, actor=actor, task_id=inspection["task_id"], inspection_id=str(inspection["_id"]),
        result=Phrase(RESULT_LABELS[inspection["result"]]),
        closes=inspection["source"] == InspectionSource.RANDOM_DRAW)
