"""Receiving a complaint, routing it to its grid's officer as a task, and what its tracker shows."""

from datetime import date
from typing import Any

from pymongo.database import Database
from pymongo.errors import DuplicateKeyError

from backend import clock, privacy, ratelimit, uploads
from backend.audit import service as audit
from backend.businesses import service as businesses
from backend.complaints import repository, rules, task_stages
from backend.complaints.schemas import (
    CATEGORY_LABELS,
    PUBLIC_NOTES,
    STEP_LABELS,
    ComplaintCreate,
    ComplaintCreated,
    ComplaintDeadline,
    ComplaintFeedback,
    ComplaintPublic,
    ComplaintReopen,
    ComplaintStep,
)
from backend.config import get_settings
from backend.errors import Conflict, NotFound
from backend.grids import service as grids
from backend.i18n import N_
from backend.phrases import Phrase
from backend.tasks import repository as task_store
from backend.tasks import service as tasks
from backend.tasks import workflow
from backend.tasks.schemas import SOURCE_LABELS, TaskPublic, TaskSource, TaskStatus
from backend.users import permissions
from backend.users.schemas import Actor
from backend.workdays import add_working_days, working_days_between

COMPLAINANT = "complainant"  # how the history names the anonymous consumer


def submit(db: Database, *, data: ComplaintCreate, client: str,
           photos: list[uploads.Upload] | None = None) -> ComplaintCreated:
    """Anonymous; rate-limited per address. Photos are checked before anything is stored, and
    before the attempt is counted: someone mending a refused photo is not locked out for it."""
    settings = get_settings()
    business = businesses.get(db, code=data.business_code)
    uploads.check(photos or [], max_count=settings.complaint_max_photos)
    ratelimit.hit(db, key=f"complaint:{client}", limit=settings.complaint_rate_limit, window_s=3600)
    now = clock.now()
    due = rules.deadlines(clock.day_of(now), category=data.category, real_name=bool(data.phone),
                          settings=settings)
    document: dict[str, Any] = {
        "business_code": business["code"], "business_name": business["name"],
        "district": business["district"], "grid": business.get("grid", ""),
        "category": data.category.value, "text": data.text, "phone": data.phone,
        "received_at": now, "deadlines": {name: clock.to_stored(day) for name, day in due.items()},
        "task_id": None, "reopened": 0, "reopen_reason": None, "feedback": None}
    document["_id"], document["tracking_code"] = _insert(db, document)
    task = open_task(db, source=TaskSource.COMPLAINT, business=business, due=due, title=_title(data),
                     business_title=_business_title(data), created_by=COMPLAINANT, detail=data.text,
                     ref=str(document["_id"]))
    repository.set_fields(db, document["_id"], {"task_id": task.id})
    stored = workflow.attach(db, task_id=task.id, by=COMPLAINANT, note="",
                             files=photos or [], max_count=settings.complaint_max_photos)
    audit.record(db, actor=None, action="complaint.submit", target=str(document["_id"]),
                 data={"business_code": business["code"], "category": data.category.value,
                       "task_id": task.id, "photos": stored, "client": client})
    return ComplaintCreated(
        tracking_code=document["tracking_code"], business_code=business["code"],
        category=data.category, received_at=now, deadline=rules.task_deadline(due),
        photos=len(stored), phone=privacy.mask_phone(data.phone) if data.phone else None)


def open_task(db: Database, *, source: TaskSource, business: dict[str, Any], due: dict[str, date],
              title: str | Phrase, created_by: str, detail: str, ref: str,
              business_title: str | Phrase | None = None, actor: Actor | None = None) -> TaskPublic:
    """The task a complaint becomes, under the complaint rules: due by its stages (`due`, from
    `rules.deadlines`), routed to the officer of the business's grid (the unit's queue without
    one). A review an officer escalates as a complaint opens its task here too."""
    return tasks.create(db, source=source, business_code=business["code"], title=title,
                        stage_deadlines=task_stages.for_deadlines(due), business_title=business_title,
                        created_by=created_by, detail=detail, ref=ref, actor=actor,
                        assignee=grids.responsible_officer(db, district=business["district"],
                                                           grid=business.get("grid", "")))


def _insert(db: Database, document: dict[str, Any]) -> tuple[Any, str]:
    for _attempt in range(5):  # a collision is astronomically rare; the unique index decides
        code = rules.tracking_code()
        try:
            return repository.insert(db, document | {"tracking_code": code}), code
        except DuplicateKeyError:
            continue
    raise Conflict("Please try again.")


def _title(data: ComplaintCreate) -> Phrase:
    """The category in each officer's language, then the complainant's own words as written."""
    snippet = data.text.strip().replace("\n", " ")
    return Phrase(N_("{category}: {excerpt}"), category=Phrase(CATEGORY_LABELS[data.category]),
                  excerpt=f"{snippet[:40]}{'…' if len(snippet) > 40 else ''}")


def _business_title(data: ComplaintCreate) -> Phrase:
    """What the business reads once ordered to rectify: the category, never the complainant's words."""
    return Phrase(N_("{source}: {category}"), source=Phrase(SOURCE_LABELS[TaskSource.COMPLAINT]),
                  category=Phrase(CATEGORY_LABELS[data.category]))


def _load(db: Database, tracking_code: str) -> tuple[dict[str, Any], dict[str, Any]]:
    code = (tracking_code or "").strip().upper()
    complaint = repository.by_code(db, code) if rules.looks_like_code(code) else None
    if complaint is None or not complaint.get("task_id"):
        raise NotFound("No complaint has the tracking code {code}.", code=tracking_code[:20])
    return complaint, tasks.load(db, complaint["task_id"])


def public(db: Database, *, tracking_code: str) -> ComplaintPublic:
    """What anyone holding the code sees: steps, dates and deadlines; never the text or phone
    in clear, never who handled it."""
    complaint, task = _load(db, tracking_code)
    history = task_store.events(db, task["_id"])
    steps = [ComplaintStep(at=event["at"], step=event["action"],
                           note=event.get("note", "") if event["action"] in PUBLIC_NOTES else "")
             for event in history if event["action"] in STEP_LABELS]  # no evidence, no files
    closed = task["status"] == TaskStatus.CLOSED
    return ComplaintPublic(
        tracking_code=complaint["tracking_code"], business_code=complaint["business_code"],
        business_name=complaint["business_name"], category=complaint["category"],
        status=task["status"], received_at=complaint["received_at"],
        deadline=_final_deadline(complaint, task),
        deadlines=_deadlines(complaint, task, history),
        steps=steps, phone=privacy.mask_phone(complaint["phone"]) if complaint["phone"] else None,
        result=task.get("result") if closed else None, reopened=complaint["reopened"] > 0,
        can_reopen=closed and complaint["reopened"] == 0,
        can_give_feedback=closed and complaint["feedback"] is None, feedback=complaint["feedback"])


def _final_deadline(complaint: dict[str, Any], task: dict[str, Any]) -> date:
    """The latest deadline still to meet; once all are met, the one its task's closing is judged
    by (the on-time rate's): the inbox's and the tracker's are the same."""
    if not task.get("stages"):
        return rules.task_deadline(_due(complaint, task))
    unmet = [stage["due"] for stage in task["stages"] if stage.get("met_at") is None]
    return clock.day_of(max(unmet) if unmet else task["deadline"])


def _due(complaint: dict[str, Any], task: dict[str, Any]) -> dict[str, date]:
    """Each stage's deadline as its task counts it (the inbox's: a mediation from the day the
    complaint was accepted); as given with the complaint where the task keeps none."""
    counted = {stage["name"]: clock.day_of(stage["due"]) for stage in task.get("stages") or []}
    return {name: counted.get(name, stored.date()) for name, stored in complaint["deadlines"].items()}


def _deadlines(complaint: dict[str, Any], task: dict[str, Any],
               history: list[dict[str, Any]]) -> list[ComplaintDeadline]:
    today = clock.today()
    rows = []
    for name, due in _due(complaint, task).items():
        met_at = task_stages.met(name, history)  # after a reopening, the first round's steps do not count
        met = clock.day_of(met_at) if met_at else None
        left = working_days_between(today, due)
        rows.append(ComplaintDeadline(name=name, due=due, met_on=met, working_days_left=left,
                                      overdue=met is None and due < today))
    return rows


def reopen(db: Database, *, tracking_code: str, data: ComplaintReopen) -> ComplaintPublic:
    """Once, after it was closed; the reopened task gets a fresh verification deadline, stored.
    A right of whoever holds the code, not rate-limited: it comes once per complaint, and
    complaints are limited when they are made (neighbours' complaints never use it up)."""
    settings = get_settings()
    complaint, task = _load(db, tracking_code)
    if task["status"] != TaskStatus.CLOSED:
        raise Conflict("Only a closed complaint can be reopened.")
    if complaint["reopened"]:
        raise Conflict("This complaint was already reopened once.")
    deadline = add_working_days(clock.today(), settings.complaint_verify_days)
    deadlines = complaint["deadlines"] | {rules.REVERIFY: clock.to_stored(deadline)}
    if not repository.set_fields(db, complaint["_id"], {"reopened": 1, "reopen_reason": data.reason,
                                                         "feedback": None, "deadlines": deadlines},
                                 where={"reopened": 0}):
        raise Conflict("This complaint was already reopened once.")
    workflow.reopen(db, task_id=str(task["_id"]), by=COMPLAINANT, reason=data.reason,
                    deadline=clock.end_of_day(deadline), stage=task_stages.reverify(deadline))
    return public(db, tracking_code=tracking_code)


def give_feedback(db: Database, *, tracking_code: str, data: ComplaintFeedback) -> ComplaintPublic:
    """满意 / 不满意 once per closing; it feeds the published satisfaction rate."""
    complaint, task = _load(db, tracking_code)
    if task["status"] != TaskStatus.CLOSED:
        raise Conflict("You can rate the handling once the complaint is closed.")
    value = "satisfied" if data.satisfied else "unsatisfied"
    if not repository.set_fields(db, complaint["_id"], {"feedback": value, "feedback_at": clock.now()},
                                 where={"feedback": None}):
        raise Conflict("You have already rated the handling of this complaint.")
    audit.record(db, actor=None, action="complaint.feedback", target=str(complaint["_id"]),
                 data={"feedback": value})
    return public(db, tracking_code=tracking_code)


def contact(db: Database, *, actor: Actor | None, task_id: str) -> str | None:
    """The complainant's phone in full, only for an officer over the task's district."""
    task = tasks.load(db, task_id)
    permissions.require_officer_for_district(actor, task["district"])
    complaint = repository.by_id(db, task.get("ref") or "") \
        if task["source"] == TaskSource.COMPLAINT else None
    return complaint.get("phone") if complaint else None
