"""Shapes of a credit-repair application, its evidence, the decision and the eligibility countdown."""

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any
from urllib.parse import quote

from pydantic import BaseModel, Field

from backend.clean_text import Text
from backend.clock import Instant
from backend.i18n import N_
from backend.paging import PageMeta
from backend.penalties.schemas import PenaltyMeasure


class ApplicationStatus(StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"


STATUS_LABELS = {
    ApplicationStatus.PENDING: N_("Waiting for a decision"),
    ApplicationStatus.APPROVED: N_("Approved"),
    ApplicationStatus.REJECTED: N_("Rejected"),
}

class EvidenceKind(StrEnum):
    """What a piece of evidence is: the three documents every application needs a file of, or
    anything else the business adds."""

    FULFILMENT = "fulfilment"
    RECTIFICATION = "rectification"
    COMMITMENT = "commitment"
    OTHER = "other"


# What a business must upload with its application, a file of each (the form, /how-it-works and
# repair.service.apply list them in this order).
REQUIRED_EVIDENCE = (EvidenceKind.FULFILMENT, EvidenceKind.RECTIFICATION, EvidenceKind.COMMITMENT)
EVIDENCE_GUIDE = (
    N_("Proof that the penalty was fulfilled (fine receipt or enforcement record)"),
    N_("Rectification report signed by the legal representative"),
    N_("Credit commitment letter (信用承诺书)"),
)
EVIDENCE_LABELS = dict(zip(REQUIRED_EVIDENCE, EVIDENCE_GUIDE, strict=True)) | {
    EvidenceKind.OTHER: N_("Other evidence")}


class Evidence(BaseModel):
    """One piece of evidence: its kind, a description, and (required for the kinds in
    REQUIRED_EVIDENCE) a file uploaded through `attach_evidence`. Stored before kinds existed: other."""

    kind: EvidenceKind = EvidenceKind.OTHER
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
    business_name: str = ""  # as registered now (the officer's queue names whose it is)
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
    def from_stored(cls, row: dict[str, Any], *, today: date, business_name: str = "") -> "RepairPublic":
        fields = {k: v for k, v in row.items() if k in cls.model_fields}
        decide_by = row["decide_by"].date()
        return cls(**fields | {"id": str(row["_id"]), "decide_by": decide_by, "business_name": business_name,
                               "overdue": row["status"] == ApplicationStatus.PENDING
                               and decide_by < today})


class RepairsPublic(BaseModel):
    data: list[RepairPublic]
    meta: PageMeta


@dataclass(frozen=True)
class EvidenceDownload:
    """An evidence file as served to the business and its officers: always as an attachment of the
    type its bytes were checked to be, never shown inside the site (a PDF could carry script)."""

    content: bytes
    content_type: str
    file_name: str

    @property
    def headers(self) -> dict[str, str]:
        # An ASCII name for old clients, the real one (缴款收据.pdf) for the rest (RFC 6266).
        plain = "".join(c if c.isascii() and (c.isalnum() or c in "._-") else "_" for c in self.file_name)
        return {"Content-Disposition": f"attachment; filename=\"{plain or 'evidence'}\"; "
                                       f"filename*=UTF-8''{quote(self.file_name, safe='')}",
                "X-Content-Type-Options": "nosniff", "Cache-Control": "private, max-age=3600"}


class FulfilmentCreate(BaseModel):
    """An officer records a penalty as fulfilled (the fine paid, the suspension served)."""

    fulfilled_on: date
    note: Text = Field("", max_length=1000)


class PenaltyFulfilment(BaseModel):
    """One penalty decision of a business and whether it is recorded as fulfilled."""

    decision_number: str
    decided_on: date | None = None
    measures: list[PenaltyMeasure] = Field(default_factory=list)
    fine_yuan: float = 0
    fulfilled_on: date | None = None
    note: str = ""
    recorded_by: str | None = None


class PenaltyFulfilments(BaseModel):
    data: list[PenaltyFulfilment]
    meta: PageMeta


class FulfilmentDue(BaseModel):
    """A black-listed business of the officer's unit whose credit repair waits for penalties to be
    recorded as fulfilled."""

    business_code: str
    business_name: str
    district: str
    listed_since: date
    unfulfilled_penalties: list[str]


class FulfilmentsDue(BaseModel):
    data: list[FulfilmentDue]
    meta: PageMeta
