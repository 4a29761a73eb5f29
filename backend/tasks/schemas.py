"""Shapes of a task: where it came from, whose it is, its deadline and its append-only history."""

from datetime import date
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, Field

from backend.clean_text import Text
from backend.clock import Instant
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


SOURCE_LABELS = {
    TaskSource.COMPLAINT: N_("Complaint"),
    TaskSource.REVIEW_ESCALATION: N_("Escalated review"),
    TaskSource.AI_ALERT: N_("Kitchen camera alert"),
    TaskSource.RANDOM_DRAW: N_("Random inspection"),
    TaskSource.SPECIAL_CAMPAIGN: N_("Special campaign"),
    TaskSource.LICENCE_EXPIRY: N_("Licence or certificate expiry"),
    TaskSource.EVALUATION_FOLLOW_UP: N_("Follow-up of a bad evaluation"),
    TaskSource.EQUIPMENT_FAULT: N_("Equipment fault report"),
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
}


class TaskClose(BaseModel):
    result: Text = Field(min_length=1, max_length=2000)


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
    reopened: int = 0
    overdue: bool = False
    history: list[TaskEvent] = Field(default_factory=list)

    @classmethod
    def from_stored(cls, task: dict[str, Any], *, now: Instant,
                    history: list[dict[str, Any]] | None = None) -> "TaskPublic":
        """A task with stages is late only while a stage is unmet past its deadline; one without
        (or stored before stages were kept) by its one deadline."""
        open_ = task["status"] != TaskStatus.CLOSED
        due = task.get("deadline_stage") is not None if task.get("stages") else True
        fields = {k: v for k, v in task.items() if k in cls.model_fields and k != "history"}
        return cls(**fields, id=str(task["_id"]), overdue=open_ and due and task["deadline"] < now,
                   history=[TaskEvent(**event) for event in history or []])


class TasksPublic(BaseModel):
    data: list[TaskPublic]
    meta: PageMeta
