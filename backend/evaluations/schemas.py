"""Shapes of an evaluation of an officer, its follow-up and the officer's public answer."""

from datetime import date
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, Field

from backend import clock
from backend.clean_text import Text
from backend.clock import Instant
from backend.i18n import N_
from backend.paging import PageMeta


class Level(StrEnum):
    """The five-level scale; the last two are bad evaluations (差评)."""

    VERY_SATISFIED = "very_satisfied"  # 非常满意
    SATISFIED = "satisfied"  # 满意
    BASICALLY_SATISFIED = "basically_satisfied"  # 基本满意
    DISSATISFIED = "dissatisfied"  # 不满意
    VERY_DISSATISFIED = "very_dissatisfied"  # 非常不满意


LEVEL_LABELS = {
    Level.VERY_SATISFIED: N_("Very satisfied"),
    Level.SATISFIED: N_("Satisfied"),
    Level.BASICALLY_SATISFIED: N_("Basically satisfied"),
    Level.DISSATISFIED: N_("Dissatisfied"),
    Level.VERY_DISSATISFIED: N_("Very dissatisfied"),
}
BAD_LEVELS = frozenset({Level.DISSATISFIED, Level.VERY_DISSATISFIED})


def is_bad(level: Level | str) -> bool:
    return Level(level) in BAD_LEVELS


class EvaluationCreate(BaseModel):
    inspection_id: str = Field(min_length=1, max_length=40)
    officer_id: str = Field(min_length=1, max_length=20)
    level: Level
    comment: Text = Field("", max_length=1000)


class AnswerCreate(BaseModel):
    text: Text = Field(min_length=1, max_length=1000)


class RevisitCreate(BaseModel):
    """The return visit (回访) that closes a bad evaluation's follow-up."""

    rectified: bool
    note: Text = Field(min_length=1, max_length=1000)


class Answer(BaseModel):
    text: str
    at: Instant


class FollowUp(BaseModel):
    task_id: str
    deadline: date
    status: str  # open / rectified / not_rectified
    revisit_note: str = ""
    revisited_on: date | None = None
    overdue: bool = False


class EvaluationPublic(BaseModel):
    id: str
    inspection_id: str
    inspection_date: date
    business_code: str
    business_name: str
    officer_id: str
    officer_name: str
    level: Level
    bad: bool
    comment: str
    created_at: Instant
    answer: Answer | None = None
    follow_up: FollowUp | None = None

    @classmethod
    def from_stored(cls, row: dict[str, Any], *, today: date) -> "EvaluationPublic":
        follow = row.get("follow_up")
        if follow:
            deadline = follow["deadline"].date()
            follow = FollowUp(**follow | {
                "deadline": deadline, "revisited_on": clock.from_stored(follow.get("revisited_on")),
                "overdue": follow["status"] == "open" and deadline < today})
        return cls(**row | {"id": str(row["_id"]), "follow_up": follow,
                            "inspection_date": clock.from_stored(row["inspection_date"])})


class EvaluationsPublic(BaseModel):
    data: list[EvaluationPublic]
    meta: PageMeta


class EvaluationSummary(BaseModel):
    """What an officer's public profile shows of their evaluations."""

    total: int
    by_level: dict[Level, int]
    good: int
    bad: int
    bad_rectified: int
    bad_open: int
