"""Shapes of a task: where it came from, whose it is, its deadline and its append-only history."""

from collections.abc import Mapping
from datetime import date
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, Field, model_validator

from backend import phrases
from backend.clean_text import Text
from backend.clock import Instant
from backend.errors import Invalid
from backend.i18n import N_
from backend.paging import PageMeta


class TaskSource(StrEnum):
    COMPLAINT = "complaint"
    REVIEW_ESCALATION = "review_escalation"
    AI_ALERT = "ai_alert"
    RANDOM_DRAW = "random_draw"
    SPECIAL_CAMPAIGN = "special_campaign"
    LICENCE_EXPIRY = "licence_expiry"
    EVALUATION_FOLLOW_UP = "evaluation_follow_up"
    EQUIPMENT_FAULT = "equipment_fault"
    INSPECTION = "inspection"  # the rectification an inspection's findings call for (整改)


SOURCE_LABELS = {
    TaskSource.COMPLAINT: N_("Complaint"),
    TaskSource.REVIEW_ESCALATION: N_("Escalated review"),
    TaskSource.AI_ALERT: N_("Kitchen camera alert"),
    TaskSource.RANDOM_DRAW: N_("Random inspection"),
    TaskSource.SPECIAL_CAMPAIGN: N_("Special campaign"),
    TaskSource.LICENCE_EXPIRY: N_("Licence or certificate expiry"),
    TaskSource.EVALUATION_FOLLOW_UP: N_("Follow-up of a bad evaluation"),
    TaskSource.EQUIPMENT_FAULT: N_("Equipment fault report"),
    TaskSource.INSPECTION: N_("Rectification after an inspection"),
}


class TaskStatus(StrEnum):
    OPEN = "open"
    ACCEPTED = "accepted"
    RECTIFYING = "rectifying"  # the business must fix something and upload evidence (整改)
    RESULT_RECORDED = "result_recorded"
    CLOSED = "closed"


STATUS_LABELS = {
    TaskStatus.OPEN: N_("Open"),
    TaskStatus.ACCEPTED: N_("Accepted"),
    TaskStatus.RECTIFYING: N_("Awaiting rectification"),
    TaskStatus.RESULT_RECORDED: N_("Result recorded"),
    TaskStatus.CLOSED: N_("Closed"),
}
NOT_CLOSED = [status.value for status in TaskStatus if status != TaskStatus.CLOSED]

ACTION_LABELS = {
    "created": N_("Created"),
    "accepted": N_("Accepted"),
    "assigned": N_("Assigned"),
    "rectification_required": N_("Rectification required"),
    "evidence": N_("Evidence uploaded"),
    "rectification_reported": N_("Rectification reported"),
    "result": N_("Result recorded"),
    "closed": N_("Closed"),
    "reopened": N_("Reopened"),
    "sent_back": N_("Sent back for more rectification"),
    "rectification_accepted": N_("Rectification accepted"),
    "rectification_not_accepted": N_("Rectification not accepted"),
    "order_withdrawn": N_("Rectification order withdrawn"),
    "returned_officer_left": N_("Back to the unit's queue: the officer left the service"),
    "returned_officer_moved": N_("Back to the unit's queue: the officer moved to another unit"),
    "returned_district_moved": N_("Now in the queue of the unit its district moved to"),
}


class Verdict(StrEnum):
    """The officer's decision on what the business sent as its rectification."""
    ACCEPTED = "accepted"
    NOT_ACCEPTED = "not_accepted"  # final: the task closes unrectified (a penalty may follow)
    SENT_BACK = "sent_back"  # the business rectifies again, told why
    WITHDRAWN = "withdrawn"  # the order itself was wrong (an alert found false)


VERDICT_LABELS = {
    Verdict.ACCEPTED: N_("Rectification accepted"),
    Verdict.NOT_ACCEPTED: N_("Rectification not accepted"),
    Verdict.SENT_BACK: N_("Sent back for more rectification"),
    Verdict.WITHDRAWN: N_("Rectification order withdrawn"),
}
# The history entry each verdict leaves (one the business may read: business_view.ORDERS).
VERDICT_ACTIONS = {Verdict.ACCEPTED: "rectification_accepted",
                   Verdict.NOT_ACCEPTED: "rectification_not_accepted",
                   Verdict.SENT_BACK: "sent_back", Verdict.WITHDRAWN: "order_withdrawn"}


def awaits_decision(task: Mapping[str, Any]) -> bool:
    """The business sent its rectification and no officer has decided on it since."""
    sent, outcome = task.get("rectification_sent_at"), task.get("outcome")
    return (task["status"] != TaskStatus.CLOSED and sent is not None
            and (not outcome or outcome["at"] < sent))


def needs_verdict(task: Mapping[str, Any]) -> bool:
    """Closing says what became of the business's rectification once it has sent one, whether
    or not it waits for a decision now (one sent back stands until the business tries again)."""
    outcome = task.get("outcome") or {}
    return task.get("rectification_sent_at") is not None or outcome.get("verdict") == Verdict.SENT_BACK


class TaskClose(BaseModel):
    """`rectification`: the verdict on the business's rectification, required once it sent one;
    `rectification_note`, what the business is told (the result may hold a complainant's
    material, which it never reads), required unless it is accepted."""
    result: Text = Field(min_length=1, max_length=2000)
    rectification: Verdict | None = None
    rectification_note: Text = Field("", max_length=2000)

    @model_validator(mode="after")
    def _verdict_that_closes(self) -> "TaskClose":
        if self.rectification == Verdict.SENT_BACK:
            raise Invalid("Send a rectification back with its own step: it keeps the task open.")
        if self.rectification not in (None, Verdict.ACCEPTED) and not self.rectification_note.strip():
            raise Invalid("Tell the business why its rectification is not accepted.")
        return self


class TaskSendBack(BaseModel):
    """Back to the business for more rectification: why, and a new deadline if it needs one."""
    reason: Text = Field(min_length=1, max_length=2000)
    deadline: date | None = None


class RectificationOutcome(BaseModel):
    verdict: Verdict
    reason: str = ""
    at: Instant  # when the officer decided
    deadline: date | None = None  # a sent-back rectification's (new) deadline


class TaskAssign(BaseModel):
    officer_id: str = Field(min_length=1, max_length=40)


class TaskResult(BaseModel):
    result: Text = Field(min_length=1, max_length=2000)


class TaskRectify(BaseModel):
    deadline: date
    note: Text = Field(min_length=1, max_length=2000)


class TaskEvent(BaseModel):
    at: Instant
    by: str
    action: str
    note: str = ""
    files: list[str] = Field(default_factory=list)
    deadline: date | None = None  # the deadline this step set (a rectification order's)


class TaskStage(BaseModel):
    """One stage with a deadline of its own (a complaint's accept, verify, notify, mediate)."""
    name: str
    due: Instant
    met_at: Instant | None = None


class TaskPublic(BaseModel):
    id: str
    source: TaskSource
    business_code: str | None
    business_name: str = ""  # read from the business when the task is shown
    district: str
    title: str
    detail: str = ""
    ref: str | None = None
    status: TaskStatus
    assignee: str | None = None
    deadline: Instant  # with stages: the earliest unmet stage's (`deadline_stage` names it)
    deadline_stage: str | None = None
    stages: list[TaskStage] = Field(default_factory=list)
    created_at: Instant
    closed_at: Instant | None = None
    result: str | None = None
    rectification_deadline: Instant | None = None
    rectification_sent_at: Instant | None = None  # the business's latest rectification
    outcome: RectificationOutcome | None = None  # the officer's latest decision on it
    awaiting_decision: bool = False
    reopened: int = 0
    overdue: bool = False
    history: list[TaskEvent] = Field(default_factory=list)

    @classmethod
    def from_stored(cls, task: dict[str, Any], *, now: Instant,
                    history: list[dict[str, Any]] | None = None) -> "TaskPublic":
        """A task with stages is late only while a stage is unmet past its deadline; one without
        (or stored before stages were kept) by its one deadline. Its title, and the history's
        notes, are said in the language in force where a feature wrote them (`phrases`)."""
        open_ = task["status"] != TaskStatus.CLOSED
        due = task.get("deadline_stage") is not None if task.get("stages") else True
        fields = {k: v for k, v in task.items() if k in cls.model_fields and k != "history"}
        fields["title"] = phrases.shown(task, "title")
        events = [TaskEvent(**(event | {"note": phrases.shown(event, "note")})) for event in history or []]
        return cls(**fields, id=str(task["_id"]), overdue=open_ and due and task["deadline"] < now,
                   awaiting_decision=awaits_decision(task), history=events)


class TasksPublic(BaseModel):
    data: list[TaskPublic]
    meta: PageMeta
