"""The rectification task (整改) an inspection with findings opens: the business rectifies by the
inspection's deadline from its task list, and the inspecting unit checks it and closes the task."""

from datetime import date
from typing import Any

from pymongo.database import Database

from backend import clock, i18n
from backend.i18n import N_, _
from backend.inspections.schemas import InspectionResult
from backend.officers import repository as officers
from backend.phrases import Phrase
from backend.tasks import service as tasks
from backend.tasks import workflow
from backend.tasks.schemas import TaskSource, TaskStatus
from backend.users.schemas import Actor

TASK_TITLE = N_("Rectify the findings of the inspection of {date}")  # the inspection's day


def opens_task(result: str, deadline: date | None, today: date) -> bool:
    """Findings with a deadline still ahead (or today); an older record entered after its
    deadline has passed leaves nothing for the business to do in time."""
    return result != InspectionResult.COMPLIANT and deadline is not None and deadline >= today


def open_task(db: Database, *, actor: Actor, inspection: dict[str, Any]) -> str | None:
    """The task's id, or None where the inspection calls for none. Once per inspection: a call
    retried finds the task the first opened, and gives it the order it may have missed."""
    deadline = clock.from_stored(inspection.get("rectification_deadline"))
    if deadline is None or not opens_task(inspection["result"], deadline, clock.today()):
        return None
    found = "; ".join(inspection.get("items_found") or [])
    title = Phrase(TASK_TITLE, date=clock.from_stored(inspection["date"]))
    with i18n.language(None):  # stored once, in the site's default language
        order = _("Items found: {items}").format(items=found)
    opinion = (inspection.get("opinion") or "").strip()
    task = tasks.create_once(
        db, source=TaskSource.INSPECTION, ref=str(inspection["_id"]),
        business_code=inspection["business_code"], title=title,
        detail="\n".join(filter(None, [order, opinion])), deadline=clock.end_of_day(deadline),
        created_by=actor.username, actor=actor, assignee=_assignee(db, actor, inspection))
    if task.status == TaskStatus.OPEN:  # the business rectifies from now: the inspection is the order
        workflow.ordered_with_the_work(db, actor=actor, task_id=task.id, deadline=deadline,
                                       note=order + (f"\n{opinion}" if opinion else ""))
    return task.id


def _assignee(db: Database, actor: Actor, inspection: dict[str, Any]) -> str | None:
    """The officer who recorded it; for an administrator's entry, the first inspecting officer
    whose unit supervises the business (else the unit's inbox has it unassigned)."""
    if actor.officer_id:
        return actor.officer_id
    ids = inspection.get("officer_ids") or []
    found = {officer["_id"]: officer for officer in officers.get_many(db, ids)}
    for officer_id in (i for i in ids if i in found):
        unit = officers.get_unit(db, str(found[officer_id].get("unit_id"))) or {}
        if inspection["district"] in (unit.get("districts") or []):
            return officer_id
    return None
