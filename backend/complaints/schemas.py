"""Shapes of a complaint as sent by a consumer and as its tracking page shows it (no personal data)."""

import re
from datetime import date
from enum import StrEnum

from pydantic import BaseModel, Field, field_validator

from backend.clean_text import Text
from backend.clock import Instant
from backend.errors import Invalid
from backend.i18n import N_


class ComplaintCategory(StrEnum):
    EXPIRED_FOOD = "expired_food"
    HYGIENE = "hygiene"
    ILLEGAL_ADDITIVES = "illegal_additives"
    INFERIOR_GOODS = "inferior_goods"
    CONSUMER_DISPUTE = "consumer_dispute"
    OTHER = "other"


CATEGORY_LABELS = {
    ComplaintCategory.EXPIRED_FOOD: N_("Expired food"),
    ComplaintCategory.HYGIENE: N_("Poor hygiene"),
    ComplaintCategory.ILLEGAL_ADDITIVES: N_("Illegal additives"),
    ComplaintCategory.INFERIOR_GOODS: N_("Inferior or fake goods"),
    ComplaintCategory.CONSUMER_DISPUTE: N_("Consumer dispute"),
    ComplaintCategory.OTHER: N_("Other"),
}

DEADLINE_LABELS = {
    "accept": N_("Decide whether to accept"),
    "verify": N_("Verify the leads"),
    "notify": N_("Tell the complainant the result"),
    "mediate": N_("Close the mediation"),
    "reverify": N_("Verify again after the reopening"),
}

# A complaint task's next deadline in the inbox, by the stage it is (`TaskPublic.deadline_stage`).
STAGE_DUE_LABELS = {
    "accept": N_("Accept by {date}"),
    "verify": N_("Verify by {date}"),
    "notify": N_("Tell the complainant by {date}"),
    "mediate": N_("Close the mediation by {date}"),
    "reverify": N_("Verify again by {date}"),
}

STEP_LABELS = {
    "created": N_("Complaint received"),
    "accepted": N_("Accepted by the regulator"),
    "assigned": N_("Assigned to an officer"),
    "rectification_required": N_("The business was ordered to rectify"),
    "result": N_("Leads verified, result recorded"),
    "closed": N_("Closed"),
    "reopened": N_("Reopened by the complainant"),
}
# The notes the tracking page publishes word for word (the task's forms tell the officer so); the
# other steps' notes are internal.
PUBLIC_NOTES = {"result", "closed", "reopened"}
_PHONE = re.compile(r"^\+?[0-9]{7,15}$")


class ComplaintCreate(BaseModel):
    business_code: str = Field(min_length=1, max_length=40)
    category: ComplaintCategory
    text: Text = Field(min_length=5, max_length=2000)
    phone: str | None = Field(None, max_length=30)

    @field_validator("phone")
    @classmethod
    def _phone(cls, value: str | None) -> str | None:
        """Optional; spaces and dashes dropped. Giving one makes this a real-name complaint."""
        if value is None or not value.strip():
            return None
        digits = re.sub(r"[\s-]", "", value)
        if not _PHONE.match(digits):
            raise Invalid("This does not look like a phone number.")
        return digits


class ComplaintCreated(BaseModel):
    tracking_code: str
    business_code: str
    category: ComplaintCategory
    received_at: Instant
    deadline: date
    photos: int = 0
    phone: str | None = None  # masked


class ComplaintReopen(BaseModel):
    reason: Text = Field(min_length=5, max_length=1000)


class ComplaintFeedback(BaseModel):
    satisfied: bool


class ComplaintDeadline(BaseModel):
    name: str
    due: date
    met_on: date | None = None
    working_days_left: int  # negative once overdue
    overdue: bool


class ComplaintStep(BaseModel):
    at: Instant
    step: str
    note: str = ""


class ComplaintPublic(BaseModel):
    tracking_code: str
    business_code: str
    business_name: str
    category: ComplaintCategory
    status: str
    received_at: Instant
    deadline: date
    deadlines: list[ComplaintDeadline]
    steps: list[ComplaintStep]
    phone: str | None = None  # masked
    result: str | None = None
    reopened: bool = False
    can_reopen: bool = False
    can_give_feedback: bool = False
    feedback: str | None = None  # satisfied / unsatisfied
