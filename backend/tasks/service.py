"""Creating, listing and closing tasks; every feature that needs work done goes through here."""

from datetime import datetime
from typing import Any

from pymongo.database import Database

from backend import clock, paging, phrases
from backend.audit import service as audit
from backend.businesses import repository as business_rows
from backend.businesses import service as businesses
from backend.errors import Conflict, Forbidden, Invalid, NotFound
from backend.i18n import N_
from backend.paging import PageMeta
from backend.phrases import Phrase
from backend.tasks import business_view, repository, stages
from backend.tasks.schemas import (
    NOT_CLOSED,
    VERDICT_ACTIONS,
    TaskClose,
    TaskPublic,
    TaskSource,
    TasksPublic,
    TaskStatus,
    needs_verdict,
)
from backend.users import permissions
from backend.users.schemas import Actor, Role


def create(db: Database, *, source: TaskSource, business_code: str, title: str | Phrase,
           deadline: datetime | None = None, created_by: str, detail: str = "",
           ref: str | None = None, assignee: str | None = None,
           stage_deadlines: list[stages.Stage] | None = None,
           business_title: str | Phrase | None = None, actor: Actor | None = None) -> TaskPublic:
    """Called by the feature that found the work (it has checked who may cause it). `deadline` is
    computed once by that feature and stored, so a later rule change never moves it; or, for work
    in stages, each stage's (`stage_deadlines`), the task being due by the earliest unmet one.
    `business_title`: what the business may read as its title where `title` quotes a third party.
    A title the feature writes itself is a Phrase: each reader reads it in their own language (a
    person's words, a str, are shown as written). `actor`: the signed-in account whose step opened
    the task, named by the audit trail; None for the public's work or a worker job's."""
    business = businesses.get(db, code=business_code)
    now = clock.now()
    due = stages.due_fields(stages.stored(stage_deadlines)) if stage_deadlines else {}
    if not due and deadline is None:
        raise ValueError("a task needs a deadline or stage deadlines")
    document: dict[str, Any] = {
        "source": source.value, "business_code": business["code"], "district": business["district"],
        "detail": detail, "ref": ref, "status": TaskStatus.OPEN.value,
        "status_rank": 0, "assignee": assignee, "deadline": deadline, "created_at": now,
        "closed_at": None, "result": None, "rectification_deadline": None, "reopened": 0
    } | phrases.stored("title", title) | due
    if business_title:
        document |= phrases.stored("business_title", business_title)
    document["_id"] = repository.insert(db, document)
    event = {"at": now, "by": created_by, "action": "created"} | phrases.stored("note", title)
    repository.add_event(db, document["_id"], event)
    audit.record(db, actor=actor, action="task.create", target=str(document["_id"]),
                 data=document | {"created_by": created_by})
    return TaskPublic.from_stored(document, now=now, history=[event])


def create_once(db: Database, *, source: TaskSource, ref: str, business_code: str, title: str | Phrase,
                created_by: str, **fields: Any) -> TaskPublic:
    """One task per piece of work (`source`, `ref`): a call retried after the first opened it
    finds that one (its steps may be missing if the first died half-way: the caller checks)."""
    existing = repository.find_by_ref(db, source=source.value, ref=ref)
    if existing is not None:
        return TaskPublic.from_stored(existing, now=clock.now())
    return create(db, source=source, business_code=business_code, title=title,
                  created_by=created_by, ref=ref, **fields)


def load(db: Database, task_id: str) -> dict[str, Any]:
    oid = repository.object_id(task_id)
    task = repository.get(db, oid) if oid else None
    if task is None:
        raise NotFound("No task has the id {id}.", id=task_id)
    return task


def require_can_see(actor: Actor | None, task: dict[str, Any]) -> Actor:
    """A business sees only the tasks that ask it to rectify something (a complaint about it
    stays with the officers until then); officers see their unit's districts."""
    actor = permissions.require_signed_in(actor)
    if actor.role == Role.ENTERPRISE:
        if actor.business_code != task["business_code"] or not task.get("rectification_deadline"):
            raise Forbidden("An enterprise account may only see its own rectification tasks.")
        return actor
    return permissions.require_officer_for_district(actor, task["district"])


def get(db: Database, *, actor: Actor | None, task_id: str) -> TaskPublic:
    task = load(db, task_id)
    actor = require_can_see(actor, task)
    now, events = clock.now(), repository.events(db, task["_id"])
    if business_view.applies(actor):
        return _named(db, [business_view.reduced(db, actor=actor, task=task, now=now, events=events)])[0]
    return _named(db, [TaskPublic.from_stored(task, now=now, history=events)])[0]


def _named(db: Database, tasks: list[TaskPublic]) -> list[TaskPublic]:
    """Each task with its business's name: an inbox of credit codes told an officer nothing."""
    names = business_rows.fields_of(db, sorted({t.business_code for t in tasks if t.business_code}),
                                    ("name",))
    for task in tasks:
        task.business_name = names.get(task.business_code or "", {}).get("name", "")
    return tasks


def scope_query(actor: Actor | None) -> dict[str, Any]:
    """What each role may list: officers their unit's districts, a business the tasks that ask it
    to rectify something."""
    query = permissions.listing_scope(actor, refusal=N_("Only officers and businesses have tasks."))
    if "business_code" in query:
        query["rectification_deadline"] = {"$ne": None}
    return query


def list_for(db: Database, *, actor: Actor | None, status: TaskStatus | None = None,
             source: TaskSource | None = None, page_number: int = 1,
             page_size: int = 20) -> TasksPublic:
    query, actor = scope_query(actor), permissions.require_signed_in(actor)
    if status:
        query["status"] = status.value
    if source:
        query["source"] = source.value
    now, total = clock.now(), repository.total(db, query)
    rows = repository.page(db, query, skip=paging.skip(page_number, page_size), limit=page_size)
    shown = [business_view.reduced(db, actor=actor, task=row, now=now) if business_view.applies(actor)
             else TaskPublic.from_stored(row, now=now) for row in rows]
    return TasksPublic(data=_named(db, shown), meta=PageMeta.of(total, page_number, page_size))


def close(db: Database, *, actor: Actor | None, task_id: str, data: TaskClose) -> TaskPublic:
    """The inbox's close. A bad evaluation's follow-up closes only with its revisit
    (`close_with_revisit`): else it could close unrevisited, even by the officer evaluated."""
    task = load(db, task_id)
    actor = permissions.require_officer_for_district(actor, task["district"])
    if task["source"] == TaskSource.EVALUATION_FOLLOW_UP:
        raise Forbidden("This follow-up of a bad evaluation closes when another officer of the unit "
                        "records the revisit of evaluation {evaluation}; it cannot be closed here.",
                        evaluation=task.get("ref") or "")
    return _close(db, actor=actor, task=task, data=data)


def close_with_revisit(db: Database, *, actor: Actor | None, task_id: str,
                       data: TaskClose) -> TaskPublic:
    """For the evaluations feature, once it has recorded the revisit (and checked who may)."""
    task = load(db, task_id)
    actor = permissions.require_officer_for_district(actor, task["district"])
    return _close(db, actor=actor, task=task, data=data)


def _verdict(task: dict[str, Any], data: TaskClose) -> None:
    """A task that ordered the business to rectify, and got its rectification, says whether it is
    accepted when it closes: the business reads that, not just "closed"."""
    if task["status"] == TaskStatus.CLOSED:
        return  # refused as already closed, below
    if data.rectification is not None and not task.get("rectification_deadline"):
        raise Invalid("This task asked the business for no rectification: close it without a "
                      "verdict on one.")
    if data.rectification is None and needs_verdict(task):
        raise Invalid("The business has sent its rectification: say whether it is accepted.")


def _close(db: Database, *, actor: Actor, task: dict[str, Any], data: TaskClose) -> TaskPublic:
    _verdict(task, data)
    now, task_id, note = clock.now(), str(task["_id"]), data.rectification_note.strip()
    changed = {"status": TaskStatus.CLOSED.value, "status_rank": 1, "closed_at": now,
               "result": data.result} | stages.after_step(task, "closed", now)
    if data.rectification is not None:
        changed["outcome"] = {"verdict": data.rectification.value, "reason": note, "at": now,
                              "by": actor.username}
    if not repository.transition(db, task["_id"], from_statuses=NOT_CLOSED, fields=changed):
        raise Conflict("This task is already closed.")
    if data.rectification is not None:
        repository.add_event(db, task["_id"], {"at": now, "by": actor.username, "note": note,
                                               "action": VERDICT_ACTIONS[data.rectification]})
    repository.add_event(db, task["_id"], {"at": now, "by": actor.username, "action": "closed",
                                           "note": data.result})
    audit.record(db, actor=actor, action="task.close", target=task_id, data=changed)
    return get(db, actor=actor, task_id=task_id)
