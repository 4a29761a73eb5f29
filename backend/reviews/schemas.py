"""Shapes of a consumer review, its predictions and replies, and the grades built from them."""

from datetime import datetime
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, Field, field_validator

from backend import privacy
from backend.clean_text import Text
from backend.clock import Instant
from backend.config import get_settings
from backend.errors import Invalid
from backend.paging import PageMeta
from backend.reviews import checked


class ReviewStatus(StrEnum):
    PENDING = "pending"  # waiting for the scoring worker
    SCORED = "scored"


class ReplyRole(StrEnum):
    BUSINESS = "business"  # the business's right to reply, once per review
    OFFICER = "officer"  # an officer's public answer


class ReviewCreate(BaseModel):
    text: str
    stars: int | None = Field(None, ge=1, le=5)
    staff_id: str | None = Field(None, max_length=20)

    @field_validator("text")
    @classmethod
    def _readable_length(cls, value: str) -> str:
        value = value.strip()
        if len(value) < 2:
            raise Invalid("Please write a few words about your visit.")
        limit = get_settings().review_max_chars
        if len(value) > limit:
            raise Invalid("A review may be at most {limit} characters long.", limit=limit)
        return value


class ReplyCreate(BaseModel):
    text: Text = Field(min_length=1, max_length=1000)


class EscalationCreate(BaseModel):
    note: Text = Field("", max_length=1000)


class PredictionPublic(BaseModel):
    """One stored model output: which model and version said what, how sure, and when."""

    model: str
    version: str
    label: str
    score: float  # P(satisfied)
    confidence: float  # distance from undecided: |2·score − 1|
    stars: int
    aspects: dict[str, float | None]
    at: Instant


class ReplyPublic(BaseModel):
    role: ReplyRole
    author: str  # the business's name, or the officer's unit — never a personal account
    text: str
    at: Instant


def shown_text(review: dict[str, Any], names: list[str] | None = None) -> str:
    """A review's text as published: phone and ID numbers and the business's staff names masked
    (kept so when the review was written; the text as written stays for the model and officers)."""
    return review.get("public_text") or privacy.mask_in_text(review["text"], names or [])


class ReferralPublic(BaseModel):
    """A review an officer referred to the regulator as a complaint: when, and by when it is to be
    decided (taken on or not) and its leads verified, as the complaint rules then gave them."""

    at: Instant
    decide_by: Instant | None = None  # None for a review referred before these were kept
    verify_by: Instant | None = None


def referral(review: dict[str, Any]) -> dict[str, Any] | None:
    """A stored review's referral (`ReferralPublic`), None while it has none."""
    if not review.get("escalated_at"):
        return None
    due = review.get("referral_due") or {}
    return {"at": review["escalated_at"], "decide_by": due.get("accept"), "verify_by": due.get("verify")}


class ReviewPublic(BaseModel):
    id: str
    business_code: str
    text: str  # shown as text, never as HTML
    stars: int | None = None
    staff_id: str | None = None
    status: ReviewStatus
    created_at: Instant
    prediction: PredictionPublic | None = None
    replies: list[ReplyPublic] = []
    suspicious: list[str] = []
    escalated: bool = False
    referral: ReferralPublic | None = None

    @classmethod
    def from_stored(cls, review: dict[str, Any]) -> "ReviewPublic":
        return cls(id=str(review["_id"]), business_code=review["business_code"],
                   text=shown_text(review), stars=review.get("stars"), staff_id=review.get("staff_id"),
                   status=review["status"], created_at=review["created_at"],
                   prediction=review.get("prediction"), replies=review.get("replies", []),
                   suspicious=review.get("suspicious", []),
                   escalated=bool(review.get("escalated_at")), referral=referral(review))

    @classmethod
    def from_profile(cls, row: dict[str, Any]) -> "ReviewPublic":
        return cls(**row)


class ReviewToAnswer(BaseModel):
    """An unhappy review waiting for the regulator, with the business it is about."""

    review: ReviewPublic
    business_name: str
    district: str


class ReviewsToAnswer(BaseModel):
    data: list[ReviewToAnswer]
    meta: PageMeta


class ReviewsPublic(BaseModel):
    data: list[ReviewPublic]
    meta: PageMeta


class ConsumerGrade(BaseModel):
    band: str  # A 满意 / B 较满意 / C 合格 / D 差
    score: float  # 0–100, the shrunk, weighted satisfaction behind the band
    reviews_counted: int
    as_of: Instant  # when it was computed, or last checked by the daily regrade and found the same
    discounted: dict[str, int] = {}  # reviews down-weighted as suspicious, by reason
    trend: list[dict[str, Any]] = []  # {"month", "score", "reviews"} over 12 months


class StaffStars(BaseModel):
    staff_id: str
    masked_name: str
    position: str = ""
    stars: int
    mentions: int


class Grades(BaseModel):
    consumer: ConsumerGrade | None = None
    staff: list[StaffStars] = []

    @classmethod
    def from_profile(cls, profile: dict[str, Any], *, checked_at: datetime | None = None) -> "Grades":
        """`checked_at`: when every grade was last checked (`checked.checked_at`)."""
        return cls(**checked.dated(profile.get("grades") or {}, checked_at))
