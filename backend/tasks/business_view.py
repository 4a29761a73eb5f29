"""What a business sees of a task about it that holds someone else's material (a complainant's
text, photos and phone; a reviewer's words; a fault reported by the public): the officer's
rectification order, the task's category, and its own uploads and reports. Complaint-handling
rules keep the complainant and their material confidential (投诉举报人信息保密). The verdict on its
rectification (`outcome`) is written for the business, and shown whatever the task's source."""

from datetime import datetime
from typing import Any

from pymongo.database import Database

from backend import phrases
from backend.i18n import _
from backend.tasks.schemas import SOURCE_LABELS, VERDICT_ACTIONS, TaskPublic, TaskSource, TaskStatus
from backend.users import service as users
from backend.users.schemas import Actor, Role

THIRD_PARTY_SOURCES = frozenset({TaskSource.COMPLAINT, TaskSource.REVIEW_ESCALATION,
                                 TaskSource.EQUIPMENT_FAULT})
# What the officer writes for the business to read: its orders and the verdicts on its rectification.
ORDERS = ("rectification_required", *VERDICT_ACTIONS.values())
OWN_STEPS = ("evidence", "rectification_reported")  # what the business itself may have sent


def applies(actor: Actor) -> bool:
    """Every task a business sees is shown as the business sees it: due by its own rectification
    deadline; one with someone else's material in it, reduced as well (`reduced`)."""
    return actor.role == Role.ENTERPRISE


def holds_others_material(task: dict[str, Any]) -> bool:
    return task["source"] in THIRD_PARTY_SOURCES


def reads_the_result(task: dict[str, Any]) -> bool:
    """Whether the business reads what the officers record as the task's result and in its
    history: on a task that asks it to rectify and holds no one else's material (`reduced`)."""
    return bool(task.get("rectification_deadline")) and not holds_others_material(task)


def title(task: dict[str, Any]) -> str:
    """The title its creator wrote for the business (a complaint's category), else its source:
    the stored title may quote the complainant."""
    return phrases.shown(task, "business_title") or _(SOURCE_LABELS[TaskSource(task["source"])])


def history(db: Database, *, actor: Actor, events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The officer's orders, and what this business's own accounts sent after the first order (the
    business can send nothing before it, so material that came with the work, a complainant's photos,
    never passes for its own); never the officers' notes and files."""
    first = next((n for n, event in enumerate(events) if event["action"] in ORDERS), len(events))
    later = events[first:]
    own = _own_accounts(db, actor, {event["by"] for event in later if event["action"] in OWN_STEPS})
    return [event for event in later if event["action"] in ORDERS
            or (event["action"] in OWN_STEPS and event["by"] in own)]


def _own_accounts(db: Database, actor: Actor, names: set[str]) -> set[str]:
    own = {actor.username}
    for name in names - own:
        account = users.actor_for(db, username=name)
        if account and account.role == Role.ENTERPRISE and account.business_code == actor.business_code:
            own.add(name)
    return own


def files(db: Database, *, actor: Actor, task: dict[str, Any], events: list[dict[str, Any]]) -> set[str]:
    """The files of the history the business is shown (`reduced`): of a task with someone else's
    material, only its orders and its own; of its own kind of task, all."""
    shown = history(db, actor=actor, events=events) if holds_others_material(task) else events
    return {file_id for event in shown for file_id in event.get("files", [])}


def reduced(db: Database, *, actor: Actor, task: dict[str, Any], now: datetime,
            events: list[dict[str, Any]] | None = None) -> TaskPublic:
    """The task as the business sees it: due by its rectification deadline (late only while it
    has yet to rectify; the officers' own deadline is theirs), without internal stages; and where
    someone else's material sits in it, without the task's own text, result or their events."""
    shown = task | {"stages": [], "deadline_stage": None,
                    "deadline": task.get("rectification_deadline") or task["deadline"]}
    seen = events
    if holds_others_material(task):
        shown |= {"title": title(task), "title_text": None, "detail": "", "result": None, "ref": None}
        seen = history(db, actor=actor, events=events) if events is not None else None
    public = TaskPublic.from_stored(shown, now=now, history=seen)
    late = public.overdue and task["status"] == TaskStatus.RECTIFYING
    return public.model_copy(update={"overdue": late})
