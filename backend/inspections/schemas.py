"""Shapes of an inspection: the four steps (一选主体、二查事项、三显结果、四定意见) as one record."""

import datetime as dt
from enum import StrEnum
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, Field, field_validator, model_validator

from backend import clock
from backend.clean_text import Text
from backend.errors import Invalid
from backend.i18n import N_
from backend.officers.schemas import OfficerRef
from backend.paging import PageMeta


class InspectionSource(StrEnum):
    ROUTINE = "routine"
    RANDOM_DRAW = "random_draw"  # 双随机抽查
    COMPLAINT = "complaint"
    SPECIAL_CAMPAIGN = "special_campaign"
    FOLLOW_UP = "follow_up"


class InspectionResult(StrEnum):
    COMPLIANT = "compliant"  # 符合
    BASICALLY_COMPLIANT = "basically_compliant"  # 基本符合
    NON_COMPLIANT = "non_compliant"  # 不符合


SOURCE_LABELS = {
    InspectionSource.ROUTINE: N_("Routine"),
    InspectionSource.RANDOM_DRAW: N_("Random draw"),
    InspectionSource.COMPLAINT: N_("Complaint"),
    InspectionSource.SPECIAL_CAMPAIGN: N_("Special campaign"),
    InspectionSource.FOLLOW_UP: N_("Follow-up"),
}
RESULT_LABELS = {
    InspectionResult.COMPLIANT: N_("Compliant"),
    InspectionResult.BASICALLY_COMPLIANT: N_("Basically compliant"),
    InspectionResult.NON_COMPLIANT: N_("Non-compliant"),
}


def _one_line(text: str) -> str:
    if "\n" in text or "\r" in text:
        raise Invalid("A checked item or finding is one line.")
    return text


# One checked item or finding, as on the paper form: a line, not an essay (each is one line of a
# published record and one cell of the open-data CSV).
Item = Annotated[Text, Field(min_length=1, max_length=200), AfterValidator(_one_line)]


class InspectionCreate(BaseModel):
    business_code: str  # step 1: the subject
    date: dt.date
    source: InspectionSource
    officer_ids: list[str] = Field(min_length=2, max_length=6)
    checked_items: list[Item] = Field(max_length=60)  # step 2: required, and not empty (below)
    items_found: list[Item] = Field(default_factory=list, max_length=60)
    result: InspectionResult  # step 3
    opinion: Text = Field("", max_length=1000)  # step 4
    rectification_deadline: dt.date | None = None
    # the task it answers (a drawn business's, a complaint's): moved on by the record
    task_id: str | None = Field(None, min_length=1, max_length=40)

    @field_validator("checked_items")
    @classmethod
    def _something_checked(cls, value: list[str]) -> list[str]:
        if not value:  # 二查事项: an inspection that checked nothing is not one (the portal refuses it too)
            raise Invalid("Check at least one item of the checklist.")
        return value

    @field_validator("officer_ids")
    @classmethod
    def _distinct_officers(cls, value: list[str]) -> list[str]:
        if len(set(value)) < 2:
            raise Invalid("An inspection needs at least two different officers.")
        return value

    @model_validator(mode="after")
    def _deadline_when_rectifying(self) -> "InspectionCreate":
        needs_rectification = self.result != InspectionResult.COMPLIANT
        if not needs_rectification and self.items_found:
            raise Invalid("A compliant inspection found nothing to correct: record items found "
                          "as basically compliant or non-compliant.")
        if not needs_rectification and self.rectification_deadline:
            raise Invalid("A compliant inspection sets no rectification deadline.")
        if needs_rectification and not self.items_found:
            raise Invalid("List the items found when the result is not fully compliant.")
        if needs_rectification and self.rectification_deadline is None:
            raise Invalid("Set a rectification deadline when the result is not fully compliant.")
        if self.rectification_deadline and self.rectification_deadline < self.date:
            raise Invalid("The rectification deadline cannot be before the inspection.")
        if self.rectification_deadline and self.rectification_deadline > self.date + dt.timedelta(days=365):
            raise Invalid("A rectification deadline is at most a year after the inspection.")
        return self


class InspectionPublic(BaseModel):
    id: str
    business_code: str
    date: dt.date
    source: InspectionSource
    result: InspectionResult
    items_found: list[str]
    opinion: str
    rectification_deadline: dt.date | None
    officers: list[OfficerRef]
    task_id: str | None = None
    off_draw: bool = False  # a drawn task's inspection by a team other than the one drawn

    @classmethod
    def from_stored(cls, inspection: dict[str, Any]) -> "InspectionPublic":
        return cls(
            id=str(inspection["_id"]), business_code=inspection["business_code"],
            date=clock.from_stored(inspection["date"]), source=inspection["source"],
            result=inspection["result"], items_found=inspection.get("items_found", []),
            opinion=inspection.get("opinion", ""),
            rectification_deadline=clock.from_stored(inspection.get("rectification_deadline")),
            officers=[OfficerRef(**ref) for ref in inspection.get("officers", [])],
            task_id=inspection.get("task_id"), off_draw=bool(inspection.get("off_draw")))


class InspectionsPublic(BaseModel):
    data: list[InspectionPublic]
    meta: PageMeta
