"""Shapes of a credit-repair application, its evidence, the decision and the eligibility countdown."""

from datetime import date
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, Field

from backend.clean_text import Text
from backend.clock import Instant
from backend.i18n import N_
from backend.paging import PageMeta


class ApplicationStatus(StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"


STATUS_LABELS = {
    ApplicationStatus.PENDING: N_("Waiting for a decision"),
    ApplicationStatus.APPROVED: N_("Approved"),
    ApplicationStatus.REJECTED: N_("Rejected"),
}

# What a business should upload with its application (shown on the form and /how-it-works).
EVIDENCE_GUIDE = (
    N_("Proof that the penalty was fulfilled (fine receipt or enforcement record)"),
    N_("Rectification report signed by the legal representative"),
    N_("Credit commitment letter (信用承诺书)"),
)


class Evidence(BaseModel):
    """One piece of evidence: a description, optionally a file uploaded through `attach_evidence`."""

    title: Text = Field(min_length=1, max_length=120)
    note: Text = Field("", max_length=1000)
    file_id: str | None = None  # from repair.service.attach_evidence


class EvidenceFilePublic(BaseModel):
    id: str
    file_name: str
    content_type: str
    size: int
    sha256: str


class RepairCreate(BaseModel):
    business_code: str
    statement: Text = Field(min_length=1, max_length=4000)
    evidence: list[Evidence] = Field(min_length=1, max_length=20)


class Decision(BaseModel):
    """An officer's decision on an application or an objection: always with a reason."""

    approve: bool
    reason: Text = Field(min_length=1, max_length=2000)


class Eligibility(BaseModel):
    """Where a business stands: listed or not, from when it may apply, and what still blocks it."""

    business_code: str
    listed: bool
    edition: int | None = None
    criterion: str | None = None
    listed_since: date | None = None
    eligible_from: date | None = None
    days_left: int = 0
    unfulfilled_penalties: list[str] = Field(default_factory=list)
    open_application: str | None = None
    # An approval newer than the listing: the published edition keeps the entry, the next one
    # drops it (expected on or after `next_edition_on`); there is nothing left to apply for.
    repaired: bool = False
    next_edition_on: date | None = None
    eligible: bool = False


class RepairPublic(BaseModel):
    id: str
    business_code: str
    statement: str
    evidence: list[Evidence]
    status: ApplicationStatus
    filed_at: Instant
    filed_by: str
    decide_by: date
    decided_at: Instant | None = None
    decided_by: str | None = None
    reason: str | None = None
    overdue: bool = False

    @classmethod
    def from_stored(cls, row: dict[str, Any], *, today: date) -> "RepairPublic":
        fields = {k: v for k, v in row.items() if k in cls.model_fields}
        decide_by = row["decide_by"].date()
        return cls(**fields | {"id": str(row["_id"]), "decide_by": decide_by,
                               "overdue": row["status"] == ApplicationStatus.PENDING
                               and decide_by < today})


class RepairsPublic(BaseModel):
    data: list[RepairPublic]
    meta: PageMeta
