"""Shapes of units and officers as recorded and as the public sees them."""

import datetime as dt

from pydantic import BaseModel, Field, field_validator

from backend import identifiers
from backend.clean_text import Text
from backend.evaluations.schemas import EvaluationPublic, EvaluationSummary
from backend.officers.consistency import Verdict


class UnitCreate(BaseModel):
    id: str = Field(min_length=1, max_length=20)
    name: Text = Field(min_length=1, max_length=80)
    districts: list[str] = Field(min_length=1)


class OfficerCreate(BaseModel):
    id: str = Field(min_length=1, max_length=20, pattern=r"^[A-Za-z0-9-]+$")
    name: Text = Field(min_length=1, max_length=40)
    badge_number: str = identifiers.documented(identifiers.BADGE, max_length=20)  # 执法证号
    unit_id: str

    _badge_format = field_validator("badge_number")(identifiers.badge)


class OfficerRef(BaseModel):
    """How an inspection names its officers: enough to find and check them in public."""

    id: str
    name: str
    badge_number: str


class OfficerInspection(BaseModel):
    business_code: str
    business_name: str
    date: dt.date
    result: str


class OfficerPublic(BaseModel):
    id: str
    name: str
    badge_number: str
    unit_id: str
    unit_name: str
    inspections_done: int
    recent_inspections: list[OfficerInspection] = []
    tasks_handled: int = 0
    evaluations: EvaluationSummary | None = None
    recent_evaluations: list[EvaluationPublic] = []
    consistency: "Consistency | None" = None


class Consistency(BaseModel):
    """The officer's rate of inspections finding problems against the rest of the unit's rate on
    similar businesses (same trade and risk level), with the sample sizes behind both."""

    compared_by: list[str]  # what makes businesses similar, e.g. ["trade"]
    since: dt.date
    sample_size: int
    unit_sample_size: int
    officer_rate: float | None
    expected_rate: float | None
    difference: float | None
    verdict: Verdict
