"""A complaint's task carries the complaint's stage deadlines (accept, verify, notify, mediate), so
the inbox shows it due, and late, by the earliest one still unmet."""

from datetime import date, datetime
from typing import Any

from pymongo.database import Database

from backend import clock
from backend.complaints import repository, rules
from backend.tasks import repository as task_store
from backend.tasks import stages
from backend.tasks.schemas import TaskSource


def for_deadlines(due: dict[str, date]) -> list[stages.Stage]:
    """Notify and mediate count from when the verification and the acceptance are done."""
    days = rules.counted_days(due)
    return [stages.Stage(name, clock.end_of_day(day), rules.MEETS[name],
                         after=rules.COUNTED_FROM[name] if name in days else None,
                         working_days=days.get(name, 0)) for name, day in due.items()]


def reverify(day: date) -> stages.Stage:
    """A reopened complaint's new verification: met only by the steps that follow the reopening."""
    return stages.Stage(rules.REVERIFY, clock.end_of_day(day), rules.MEETS[rules.REVERIFY])


def met(name: str, history: list[dict[str, Any]]) -> datetime | None:
    """When the history first met a stage (for REVERIFY, only after the last reopening)."""
    since = max((event["at"] for event in history if event["action"] == "reopened"), default=None) \
        if name == rules.REVERIFY else None
    return next((event["at"] for event in history if event["action"] in rules.MEETS[name]
                 and (since is None or event["at"] > since)), None)


def fill_tasks(db: Database) -> None:
    """For tasks stored before they carried the stages (due only by the complaint's last one, so an
    unaccepted complaint was not late until then): each stage met as the history shows."""
    for task in task_store.find(db, {"source": TaskSource.COMPLAINT.value, "stages": None}):
        complaint = repository.by_id(db, task.get("ref") or "")
        if not complaint or not complaint.get("deadlines"):
            continue
        history = task_store.events(db, task["_id"])
        kept = [stored | {"met_at": met(stored["name"], history)} for stored in stages.stored(
            for_deadlines({name: day.date() for name, day in complaint["deadlines"].items()}))]
        task_store.set_stages(db, task["_id"], stages.due_fields(stages.counted(kept)))
