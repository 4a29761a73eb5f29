"""Moving a task along: accept, assign within the unit, ask the business to rectify, evidence,
send a rectification back, record the result, reopen. Closing is in `service`; every step
appends to the history."""

from datetime import date, datetime, timedelta
from typing import Any

from pymongo.database import Database

from backend import clock, i18n, phrases, uploads, workdays
from backend.audit import service as audit
from backend.config import get_settings
from backend.errors import Conflict, Forbidden, Invalid, NotFound, Words
from backend.i18n import N_
from backend.officers import service as officers
from backend.phrases import Phrase
from backend.random_draw import service as random_draw
from backend.tasks import business_view, repository, stages
from backend.tasks.schemas import (
    NOT_CLOSED,
    STATUS_LABELS,
    TaskAssign,
    TaskPublic,
    TaskRectify,
    TaskResult,
    TaskSendBack,
    TaskSource,
    TaskStatus,
    Verdict,
    awaits_decision,
    needs_verdict,
)
from backend.tasks.service import get, load, require_can_see
from backend.users import permissions
from backend.users.schemas import Actor, Role

MAX_EVIDENCE_FILES = 5
RECTIFY_AT_MOST_DAYS = 365  # a rectification ordered further off is a typo (9999-12-31 was taken)
TAKEN_FROM = N_("Taken over from {officer}")  # an accepted task's history, when it was routed to another
# assigning a drawn task outside the team drawn: allowed (officers fall ill), and said in its history
OFF_DRAW = N_("{officer}: not one of the officers drawn ({drawn})")
ANSWERED_BY = N_("Inspection {inspection} recorded: {result}")  # the step an inspection for the task is
_WORKING = [TaskStatus.ACCEPTED.value, TaskStatus.RECTIFYING.value,
            TaskStatus.RESULT_RECORDED.value]


def _move(db: Database, *, actor: Actor, task: dict[str, Any], from_statuses: list[str],
          fields: dict[str, Any], action: str, note: str | Phrase = "", files: list[str] | None = None,
          inc: dict[str, int] | None = None, deadline: date | None = None) -> TaskPublic:
    """`deadline`: the one this step sets, kept in its history entry (a later order that moves
    it leaves both in the history). The stages the step completes are met with it."""
    now = clock.now()
    fields = fields | stages.after_step(task, action, now)
    if not repository.transition(db, task["_id"], from_statuses=from_statuses, fields=fields,
                                 inc=inc):
        raise Conflict("This task cannot do that now: it is {status}.",
                       status=Words(STATUS_LABELS[TaskStatus(task["status"])]))
    said = phrases.stored("note", note)  # a note the system writes is read in each reader's language
    event = {"at": now, "by": actor.username, "action": action, "files": files or []} | said
    repository.add_event(db, task["_id"], event | ({"deadline": deadline.isoformat()} if deadline else {}))
    audit.record(db, actor=actor, action=f"task.{action}", target=str(task["_id"]),
                 data=fields | said | {"files": files or []})
    return get(db, actor=actor, task_id=str(task["_id"]))


def accept(db: Database, *, actor: Actor | None, task_id: str) -> TaskPublic:
    task = load(db, task_id)
    actor = permissions.require_officer_for_district(actor, task["district"])
    return _accept(db, actor=actor, task=task)


def _accept(db: Database, *, actor: Actor, task: dict[str, Any]) -> TaskPublic:
    """The officer who accepts a task handles it (承办), whoever it was routed to: the history says
    whom it was taken from. An administrator, no officer, accepts it for the one it was routed to."""
    routed_to = task.get("assignee")
    assignee = actor.officer_id or routed_to
    note = Phrase(TAKEN_FROM, officer=routed_to) if routed_to and routed_to != assignee else ""
    return _move(db, actor=actor, task=task, from_statuses=[TaskStatus.OPEN.value],
                 fields={"status": TaskStatus.ACCEPTED.value, "assignee": assignee},
                 action="accepted", note=note)


def assign(db: Database, *, actor: Actor | None, task_id: str, data: TaskAssign) -> TaskPublic:
    """Within the unit: the new officer's unit must cover the task's district."""
    task = load(db, task_id)
    actor = permissions.require_officer_for_district(actor, task["district"])
    officers.get(db, officer_id=data.officer_id)  # an unknown one is not found, not "elsewhere"
    if task["district"] not in officers.districts_of(db, officer_id=data.officer_id):
        raise Invalid("Officer {officer} does not work in {district}.", officer=data.officer_id,
                      district=task["district"])
    status = TaskStatus.ACCEPTED.value if task["status"] == TaskStatus.OPEN else task["status"]
    return _move(db, actor=actor, task=task, from_statuses=NOT_CLOSED,
                 fields={"assignee": data.officer_id, "status": status}, action="assigned",
                 note=_assigned_note(db, task, data.officer_id))


def _assigned_note(db: Database, task: dict[str, Any], officer_id: str) -> str | Phrase:
    """The officer; for a drawn task (双随机) given to an officer the draw did not pick, said so."""
    if task["source"] != TaskSource.RANDOM_DRAW:
        return officer_id
    drawn = random_draw.drawn_team(db, plan_id=task.get("ref") or "", business_code=task["business_code"])
    if drawn is None or officer_id in drawn:
        return officer_id
    return Phrase(OFF_DRAW, officer=officer_id, drawn=", ".join(drawn) or "—")


def require_rectification(db: Database, *, actor: Actor | None, task_id: str,
                          data: TaskRectify) -> TaskPublic:
    task = load(db, task_id)
    actor = permissions.require_officer_for_district(actor, task["district"])
    _check_deadline(data.deadline)
    if _already_ordered(db, task, clock.end_of_day(data.deadline), data.note):  # sent twice
        return get(db, actor=actor, task_id=task_id)
    return _order(db, actor=actor, task=task, deadline=data.deadline, note=data.note)


def _check_deadline(deadline: date) -> None:
    if deadline < clock.today():
        raise Invalid("A rectification deadline cannot be in the past.")
    latest = clock.today() + timedelta(days=RECTIFY_AT_MOST_DAYS)
    if deadline > latest:
        raise Invalid("A rectification deadline is at most a year away ({date} at the latest).",
                      date=latest.isoformat())


def ordered_with_the_work(db: Database, *, actor: Actor, task_id: str, deadline: date,
                          note: str | Phrase) -> TaskPublic:
    """Work that is its own order (a camera alert an officer confirmed, or that counted by itself):
    the task is taken on and waits for the business's rectification from the start, by `deadline`,
    so the business sees it with its other rectification tasks and can send its evidence there."""
    return _order(db, actor=actor, task=load(db, task_id), deadline=deadline, note=note)


def _order(db: Database, *, actor: Actor, task: dict[str, Any], deadline: date,
           note: str | Phrase) -> TaskPublic:
    """The business rectifies by `deadline`; an open task is taken on (accepted) first."""
    if task["status"] == TaskStatus.OPEN:
        _accept(db, actor=actor, task=task)
        task = load(db, str(task["_id"]))
    return _move(db, actor=actor, task=task, from_statuses=NOT_CLOSED,
                 fields={"status": TaskStatus.RECTIFYING.value} | _waiting(task, deadline),
                 action="rectification_required", note=note, deadline=deadline)


def _waiting(task: dict[str, Any], deadline: date) -> dict[str, Any]:
    """The business rectifies by `deadline`; the officers' own deadline is then never earlier than
    RECHECK_WORKING_DAYS after it, to check the rectification: a task is not late while it waits
    for the business. A task with stages (a complaint) keeps the deadlines of its stages."""
    fields: dict[str, Any] = {"rectification_deadline": clock.end_of_day(deadline)}
    recheck_by = clock.end_of_day(workdays.add_working_days(deadline, get_settings().recheck_working_days))
    if not task.get("stages") and task.get("deadline") is not None and task["deadline"] < recheck_by:
        fields["deadline"] = recheck_by
    return fields


def _already_ordered(db: Database, task: dict[str, Any], deadline: datetime, note: str) -> bool:
    if task["status"] != TaskStatus.RECTIFYING or task.get("rectification_deadline") != deadline:
        return False
    last = (repository.events(db, task["_id"]) or [{}])[-1]
    return last.get("action") == "rectification_required" and last.get("note") == note


def send_back(db: Database, *, actor: Actor | None, task_id: str,
              data: TaskSendBack) -> TaskPublic:
    """The rectification the business sent is not enough: it rectifies again, told why, by the
    deadline it had or a new one (one that has passed must be replaced)."""
    task = load(db, task_id)
    actor = permissions.require_officer_for_district(actor, task["district"])
    if _already_sent_back(task, data):  # the same form sent twice
        return get(db, actor=actor, task_id=task_id)
    if not awaits_decision(task):
        raise Conflict("There is no rectification from the business waiting for a decision.")
    if data.deadline is not None:
        _check_deadline(data.deadline)
    elif task["rectification_deadline"] < clock.now():
        raise Invalid("The rectification deadline has passed: give the business a new one.")
    deadline = data.deadline or clock.day_of(task["rectification_deadline"])
    outcome = {"verdict": Verdict.SENT_BACK.value, "reason": data.reason, "at": clock.now(),
               "by": actor.username, "deadline": deadline.isoformat()}
    return _move(db, actor=actor, task=task, from_statuses=NOT_CLOSED,
                 fields={"status": TaskStatus.RECTIFYING.value, "outcome": outcome}
                 | _waiting(task, deadline),
                 action="sent_back", note=data.reason, deadline=deadline)


def _already_sent_back(task: dict[str, Any], data: TaskSendBack) -> bool:
    outcome = task.get("outcome") or {}
    return (not awaits_decision(task) and task["status"] == TaskStatus.RECTIFYING
            and outcome.get("verdict") == Verdict.SENT_BACK and outcome.get("reason") == data.reason
            and (data.deadline is None or outcome.get("deadline") == data.deadline.isoformat()))


def record_result(db: Database, *, actor: Actor | None, task_id: str,
                  data: TaskResult) -> TaskPublic:
    task = load(db, task_id)
    actor = permissions.require_officer_for_district(actor, task["district"])
    return _move(db, actor=actor, task=task, from_statuses=_WORKING,
                 fields={"status": TaskStatus.RESULT_RECORDED.value, "result": data.result},
                 action="result", note=data.result)


def answered_by_inspection(db: Database, *, actor: Actor, task_id: str, inspection_id: str,
                           result: Phrase, closes: bool) -> TaskPublic:
    """An inspection recorded for the task (the inspections feature checked who may, and that it
    is the task's business): the step names it. A random draw's task is done with it (closed);
    other work (a complaint's) has its result recorded, which meets the verification stage, and
    goes on. A task whose business sent a rectification keeps the verdict for an officer."""
    task = load(db, task_id)
    if task["status"] == TaskStatus.OPEN:
        _accept(db, actor=actor, task=task)
        task = load(db, task_id)
    note = Phrase(ANSWERED_BY, inspection=inspection_id, result=result)
    with i18n.language(None):  # the task's result field is one text, in the site's default language
        said = note.said()
    if closes and not needs_verdict(task):
        return _move(db, actor=actor, task=task, from_statuses=NOT_CLOSED, action="closed", note=note,
                     fields={"status": TaskStatus.CLOSED.value, "status_rank": 1,
                             "closed_at": clock.now(), "result": said})
    return _move(db, actor=actor, task=task, from_statuses=_WORKING, action="result", note=note,
                 fields={"status": TaskStatus.RESULT_RECORDED.value, "result": said})


def add_evidence(db: Database, *, actor: Actor | None, task_id: str, note: str,
                 files: list[uploads.Upload]) -> TaskPublic:
    """The business while it rectifies (before its deadline), or an officer at any open step."""
    task = load(db, task_id)
    actor = require_can_see(actor, task)
    if actor.role == Role.ENTERPRISE:
        if task["status"] != TaskStatus.RECTIFYING:
            raise Forbidden("This task is not waiting for your rectification.")
        if task["rectification_deadline"] < clock.now():
            raise Invalid("The rectification deadline has passed; please contact the officer.")
    if not note.strip() and not any(upload.content for upload in files):
        raise Invalid("Please describe the evidence or attach a file.")
    stored = uploads.store(db, files, owner=f"task:{task['_id']}", max_count=MAX_EVIDENCE_FILES,
                           allow_pdf=True)
    now = clock.now()
    sent = {"rectification_sent_at": now} if actor.role == Role.ENTERPRISE else {}
    return _move(db, actor=actor, task=task, from_statuses=NOT_CLOSED,
                 fields={"evidence_at": now} | sent, action="evidence", note=note.strip()[:2000],
                 files=stored)


def report(db: Database, *, task_id: str, by: str, note: str) -> None:
    """What the business says it put right, told where it is done (an alert's rectification
    report, sent on the alert): kept in the task's history for the officer who checks it."""
    task, now = load(db, task_id), clock.now()
    repository.add_event(db, task["_id"], {"at": now, "by": by, "action": "rectification_reported",
                                           "note": note, "files": []})
    repository.mark(db, task["_id"], {"rectification_sent_at": now})


def attach(db: Database, *, task_id: str, by: str, note: str, files: list[uploads.Upload],
           max_count: int) -> list[str]:
    """Files that came with the work itself (a complainant's photos), kept with the task."""
    task = load(db, task_id)
    stored = uploads.store(db, files, owner=f"task:{task['_id']}", max_count=max_count)
    if stored:
        repository.add_event(db, task["_id"], {"at": clock.now(), "by": by, "action": "evidence",
                                               "note": note, "files": stored})
    return stored


def file(db: Database, *, actor: Actor | None, task_id: str, file_id: str) -> tuple[bytes, str]:
    """A business reads only the files it may see in the task's history (its own, not a
    complainant's photos)."""
    task = load(db, task_id)
    actor = require_can_see(actor, task)
    if business_view.applies(actor) and file_id not in business_view.files(
            db, actor=actor, task=task, events=repository.events(db, task["_id"])):
        raise NotFound("No file has the id {id}.", id=file_id[:40])
    return uploads.read(db, file_id, owner=f"task:{task['_id']}")


def reopen(db: Database, *, task_id: str, by: str, reason: str, deadline: datetime,
           stage: stages.Stage | None = None) -> None:
    """For the feature that owns the task's subject (it has checked who may reopen, and how
    often); the new deadline is computed by it once and stored like the first, as a new stage
    of a task in stages (`stage`)."""
    task = load(db, task_id)
    fields = {"status": TaskStatus.ACCEPTED.value, "status_rank": 0, "deadline": deadline,
              "closed_at": None} | (stages.added(task, stage) if stage else {})
    if not repository.transition(db, task["_id"], from_statuses=[TaskStatus.CLOSED.value],
                                 fields=fields, inc={"reopened": 1}):
        raise Conflict("Only a closed task can be reopened.")
    repository.add_event(db, task["_id"], {"at": clock.now(), "by": by, "action": "reopened",
                                           "note": reason, "files": []})
    audit.record(db, actor=None, action="task.reopen", target=task_id, data=fields | {"by": by})
