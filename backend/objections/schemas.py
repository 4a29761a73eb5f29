"""Shapes of an objection to a published record and its answer."""

from datetime import date
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, Field

from backend.clean_text import Text
from backend.clock import Instant
from backend.i18n import N_
from backend.paging import PageMeta
from backend.repair.schemas import Evidence


class RecordKind(StrEnum):
    INSPECTION = "inspection"  # record_id: the inspection's id
    PENALTY = "penalty"  # record_id: the decision number
    LIST_ENTRY = "list_entry"  # record_id: "<edition>:<red|black>"
    GRADE = "grade"  # record_id: "quantified" or "risk"


class ObjectionStatus(StrEnum):
    PENDING = "pending"
    UPHELD = "upheld"  # the business was right: the record is corrected
    REJECTED = "rejected"


KIND_LABELS = {
    RecordKind.INSPECTION: N_("Inspection result"),
    RecordKind.PENALTY: N_("Penalty decision"),
    RecordKind.LIST_ENTRY: N_("Red/black list entry"),
    RecordKind.GRADE: N_("Grade"),
}
STATUS_LABELS = {
    ObjectionStatus.PENDING: N_("Objection pending"),
    ObjectionStatus.UPHELD: N_("Objection upheld"),
    ObjectionStatus.REJECTED: N_("Objection rejected"),
}


class ObjectionCreate(BaseModel):
    business_code: str
    record_kind: RecordKind
    record_id: str = Field(min_length=1, max_length=80)
    reason: Text = Field(min_length=1, max_length=4000)
    evidence: list[Evidence] = Field(default_factory=list, max_length=20)


class ObjectionPublic(BaseModel):
    id: str
    business_code: str
    record_kind: RecordKind
    record_id: str
    reason: str
    evidence: list[Evidence]
    status: ObjectionStatus
    filed_at: Instant
    filed_by: str
    answer_by: date
    decided_at: Instant | None = None
    decided_by: str | None = None
    answer: str | None = None
    overdue: bool = False

    @classmethod
    def from_stored(cls, row: dict[str, Any], *, today: date) -> "ObjectionPublic":
        fields = {k: v for k, v in row.items() if k in cls.model_fields}
        answer_by = row["answer_by"].date()
        return cls(**fields | {"id": str(row["_id"]), "answer_by": answer_by,
                               "overdue": row["status"] == ObjectionStatus.PENDING
                               and answer_by < today})


class ObjectionsPublic(BaseModel):
    data: list[ObjectionPublic]
    meta: PageMeta


class PendingObjection(BaseModel):
    """What the public sees on a record under objection: that it is pending, and until when."""

    record_kind: RecordKind
    record_id: str
    answer_by: date


class PendingObjections(BaseModel):
    data: list[PendingObjection]
    meta: PageMeta
