"""Evaluating an officer after an inspection, answering it, and following up a bad one."""

from datetime import date
from typing import Any

from pymongo.database import Database
from pymongo.errors import DuplicateKeyError

from backend import clock, paging, workdays
from backend.audit import service as audit
from backend.businesses import service as businesses
from backend.config import get_settings
from backend.errors import Conflict, Forbidden, Invalid, NotFound
from backend.evaluations import repository
from backend.evaluations.schemas import (
    LEVEL_LABELS,
    AnswerCreate,
    EvaluationCreate,
    EvaluationPublic,
    EvaluationsPublic,
    EvaluationSummary,
    Level,
    RevisitCreate,
    is_bad,
)
from backend.i18n import N_
from backend.inspections import repository as inspections
from backend.paging import PageMeta
from backend.phrases import Phrase
from backend.tasks import service as tasks
from backend.tasks.schemas import TaskClose, TaskSource, TaskStatus
from backend.users import permissions
from backend.users.schemas import Actor

GOOD_LEVELS = frozenset({Level.VERY_SATISFIED, Level.SATISFIED})


def follow_up_deadline(evaluated_on: date) -> date:
    """The rectification deadline of a bad evaluation: N working days (default 15) later."""
    return workdays.add_working_days(evaluated_on, get_settings().evaluation_follow_up_working_days)


def _inspection_for(db: Database, data: EvaluationCreate) -> dict[str, Any]:
    inspection = inspections.get(db, data.inspection_id)
    if inspection is None:
        raise NotFound("No inspection has the id {id}.", id=data.inspection_id)
    return inspection


def create(db: Database, *, actor: Actor | None, data: EvaluationCreate) -> EvaluationPublic:
    """Only the inspected business, only an officer who took part, once per inspection."""
    inspection = _inspection_for(db, data)
    actor = permissions.require_own_business(actor, inspection["business_code"])
    if data.officer_id not in inspection.get("officer_ids", []):
        raise Invalid("This officer did not take part in that inspection.")
    officer = next(ref for ref in inspection["officers"] if ref["id"] == data.officer_id)
    business = businesses.get(db, code=inspection["business_code"])
    now = clock.now()
    document: dict[str, Any] = {
        "inspection_id": data.inspection_id, "inspection_date": inspection["date"],
        "business_code": business["code"], "business_name": business["name"],
        "district": business["district"], "officer_id": officer["id"],
        "officer_name": officer["name"], "level": data.level.value, "bad": is_bad(data.level),
        "comment": data.comment.strip(), "created_by": actor.username, "created_at": now,
        "answer": None, "follow_up": None}
    try:
        document["_id"] = repository.insert(db, document)
    except DuplicateKeyError as exc:
        raise Conflict("You have already evaluated this officer for this inspection.") from exc
    audit.record(db, actor=actor, action="evaluation.create", target=str(document["_id"]),
                 data=document)
    if document["bad"]:
        document["follow_up"] = _open_follow_up(db, actor=actor, evaluation=document)
    return EvaluationPublic.from_stored(document, today=clock.day_of(now))


def _open_follow_up(db: Database, *, actor: Actor, evaluation: dict[str, Any]) -> dict[str, Any]:
    """A task for the officer's unit with a rectification deadline, and a revisit to record."""
    deadline = follow_up_deadline(clock.day_of(evaluation["created_at"]))
    title = Phrase(N_("Follow up a bad evaluation of {officer}: {level}"),
                   officer=evaluation["officer_name"], level=Phrase(LEVEL_LABELS[Level(evaluation["level"])]))
    task = tasks.create(db, source=TaskSource.EVALUATION_FOLLOW_UP,
                        business_code=evaluation["business_code"], title=title,
                        deadline=clock.end_of_day(deadline),
                        created_by=actor.username, actor=actor, detail=evaluation["comment"],
                        ref=str(evaluation["_id"]))
    follow_up = {"task_id": task.id, "deadline": clock.to_stored(deadline), "status": "open",
                 "revisit_note": "", "revisited_on": None}
    repository.set_fields(db, evaluation["_id"], unless="follow_up",
                          fields={"follow_up": follow_up})
    return follow_up


def _load(db: Database, evaluation_id: str) -> dict[str, Any]:
    oid = repository.object_id(evaluation_id)
    row = repository.get(db, oid) if oid else None
    if row is None:
        raise NotFound("No evaluation has the id {id}.", id=evaluation_id)
    return row


def answer(db: Database, *, actor: Actor | None, evaluation_id: str,
           data: AnswerCreate) -> EvaluationPublic:
    """The evaluated officer's public answer (right to reply), once."""
    row = _load(db, evaluation_id)
    actor = permissions.require_officer_self(actor, row["officer_id"])
    reply = {"text": data.text.strip(), "at": clock.now()}
    if not repository.set_fields(db, row["_id"], unless="answer", fields={"answer": reply}):
        raise Conflict("This evaluation has already been answered.")
    audit.record(db, actor=actor, action="evaluation.answer", target=evaluation_id, data=reply)
    return EvaluationPublic.from_stored(row | {"answer": reply}, today=clock.today())


def revisit(db: Database, *, actor: Actor | None, evaluation_id: str,
            data: RevisitCreate) -> EvaluationPublic:
    """Another officer of the unit revisits the business and says whether it was put right; the
    revisit is what closes the follow-up's task. Every check comes before the first write, and the
    audit entry with it: a refusal leaves the evaluation as it was."""
    row = _load(db, evaluation_id)
    actor = permissions.require_officer_for_district(actor, row["district"])
    if actor.officer_id == row["officer_id"]:
        raise Forbidden("An officer cannot record the revisit of their own evaluation.")
    follow = row.get("follow_up")
    if not follow:
        raise Invalid("Only a bad evaluation has a follow-up to revisit.")
    if follow.get("status") != "open":
        raise Conflict("This follow-up has already been revisited.")
    task = tasks.load(db, follow["task_id"])
    permissions.require_officer_for_district(actor, task["district"])
    today = clock.today()
    closed = follow | {"status": "rectified" if data.rectified else "not_rectified",
                       "revisit_note": data.note.strip(), "revisited_on": clock.to_stored(today),
                       "revisited_by": actor.username}
    if not repository.close_follow_up(db, row["_id"], {"follow_up": closed}):
        raise Conflict("This follow-up has already been revisited.")
    audit.record(db, actor=actor, action="evaluation.revisit", target=evaluation_id, data=closed)
    if task["status"] != TaskStatus.CLOSED:  # one closed by hand before the inbox refused it stays so
        try:
            tasks.close_with_revisit(db, actor=actor, task_id=follow["task_id"],
                                     data=TaskClose(result=data.note))
        except Conflict:
            pass  # closed at the same moment: the revisit, recorded, stands
    return EvaluationPublic.from_stored(row | {"follow_up": closed}, today=today)


def _page(db: Database, query: dict[str, Any], *, page_number: int, page_size: int,
          sort: list[tuple[str, int]] | None = None) -> EvaluationsPublic:
    paging.check(page_number, page_size)
    total, today = repository.total(db, query), clock.today()
    rows = repository.page(db, query, skip=paging.skip(page_number, page_size), limit=page_size,
                           sort=sort)
    return EvaluationsPublic(
        data=[EvaluationPublic.from_stored(row, today=today) for row in rows],
        meta=PageMeta.of(total, page_number, page_size))


def for_officer(db: Database, *, officer_id: str, page_number: int = 1,
                page_size: int = 20) -> EvaluationsPublic:
    """Public: an officer's evaluations with their answers, newest first."""
    return _page(db, {"officer_id": officer_id}, page_number=page_number, page_size=page_size)


def scope_query(actor: Actor | None) -> dict[str, Any]:
    """A business sees those it gave; an officer those in the unit's districts."""
    return permissions.listing_scope(
        actor, refusal=N_("Only officers and businesses have evaluations to see."))


def list_for(db: Database, *, actor: Actor | None, officer_id: str | None = None,
             open_follow_ups: bool = False, unanswered: bool = False, page_number: int = 1,
             page_size: int = 20) -> EvaluationsPublic:
    """Open follow-ups come nearest deadline first, so overdue ones lead."""
    query = scope_query(actor)
    if officer_id:
        query["officer_id"] = officer_id
    if unanswered:
        query["answer"] = None
    if open_follow_ups:
        query["follow_up.status"] = "open"
        return _page(db, query, page_number=page_number, page_size=page_size,
                     sort=[("follow_up.deadline", 1), ("_id", 1)])
    return _page(db, query, page_number=page_number, page_size=page_size)


def summary(db: Database, *, officer_id: str) -> EvaluationSummary:
    rows = repository.levels_of(db, officer_id)
    by_level = dict.fromkeys(Level, 0)
    for row in rows:
        by_level[Level(row["level"])] += 1
    statuses = [(row.get("follow_up") or {}).get("status") for row in rows if is_bad(row["level"])]
    return EvaluationSummary(
        total=len(rows), by_level=by_level, good=sum(by_level[level] for level in GOOD_LEVELS),
        bad=len(statuses), bad_rectified=statuses.count("rectified"),
        bad_open=statuses.count("open"))
