"""Shapes of units and officers as recorded and as the public sees them."""

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field, field_validator

from backend import identifiers
from backend.clean_text import ChangedText, Text
from backend.errors import Invalid
from backend.evaluations.schemas import EvaluationPublic, EvaluationSummary
from backend.officers.consistency import Verdict
from backend.paging import PageMeta


def _named_once(value: list[str] | None) -> list[str]:
    """A unit's districts as typed: blanks dropped, each once, in the order typed."""
    if value is None:
        raise Invalid("Leave the field out to keep what it holds; it cannot be null.")
    named = list(dict.fromkeys(district for district in value if district))
    if not named:
        raise Invalid("Name at least one district.")
    if any(len(district) > 40 for district in named):
        raise Invalid("A district's name is at most 40 characters long.")
    return named


class UnitCreate(BaseModel):
    id: str = Field(min_length=1, max_length=20, pattern=r"^[A-Za-z0-9-]+$")
    name: Text = Field(min_length=1, max_length=80)
    # as businesses name their district (天河区); each in one unit only
    districts: list[Text] = Field(max_length=50)  # none, or only blanks: refused below, in words

    _districts_named_once = field_validator("districts")(_named_once)


class UnitUpdate(BaseModel):
    """An administrator renames a unit or redraws the districts it covers (the whole list, as at
    its creation); what is left out stays."""

    model_config = ConfigDict(extra="forbid")
    name: ChangedText = Field(None, min_length=1, max_length=80)
    districts: list[Text] | None = Field(None, max_length=50)

    _districts_named_once = field_validator("districts")(_named_once)


class UnitPublic(BaseModel):
    id: str
    name: str
    districts: list[str]
    officers_in_service: int = 0


class UnitChange(UnitPublic):
    """A unit after a change (or as it would be: a preview), with what followed its districts: the
    districts it gave up (`districts_given_up`), open tasks now in another unit's queue
    (`tasks_moved`: of the districts it gave up to a unit covering them, or of those it took on),
    of them those whose assignee, who no longer covers their district, was cleared
    (`tasks_unassigned`), open tasks of the districts it gave up that no unit covers now
    (`tasks_waiting`: seen by administrators until a unit takes the district), and its officers'
    grid areas outside its districts, cleared (`grids_released`)."""

    districts_given_up: list[str] = []
    tasks_moved: int = 0
    tasks_unassigned: int = 0
    tasks_waiting: int = 0
    grids_released: int = 0

    def to_confirm(self) -> bool:
        """A change that gives up districts or moves work is not undone by putting the districts
        back: the portal shows what it does and asks before doing it. A new name, or districts
        taken on with nothing in them, is done at once."""
        return bool(self.districts_given_up or self.tasks_moved or self.tasks_waiting
                    or self.grids_released)


class UnitsPublic(BaseModel):
    data: list[UnitPublic]
    meta: PageMeta


class OfficerCreate(BaseModel):
    id: str = Field(min_length=1, max_length=20, pattern=r"^[A-Za-z0-9-]+$")
    name: Text = Field(min_length=1, max_length=40)
    badge_number: str = identifiers.documented(identifiers.BADGE, max_length=20)  # 执法证号
    unit_id: str

    _badge_format = field_validator("badge_number")(identifiers.badge)


class OfficerUpdate(BaseModel):
    """An administrator moves an officer to another unit, or records that they left the service
    (their record and its history stay public; their accounts are disabled)."""

    model_config = ConfigDict(extra="forbid")
    unit_id: str | None = Field(None, min_length=1, max_length=20)
    in_service: bool | None = None


class OfficerRef(BaseModel):
    """How an inspection names its officers: enough to find and check them in public."""

    id: str
    name: str
    badge_number: str


class OfficerInUnit(OfficerRef):
    """An officer with their unit and whether they still serve (their record stays public)."""

    unit_id: str
    unit_name: str
    in_service: bool = True
    left_on: dt.date | None = None  # the day they left the service, when they have


class OfficerRecord(OfficerInUnit):
    """An officer as administrators list them."""

    accounts: list[str] = []


class OfficerChange(OfficerRecord):
    """An officer record after a change: with how many of their open tasks went back to their old
    unit's queue (they left the service, or moved to another unit)."""

    tasks_returned: int = 0


class OfficerRecords(BaseModel):
    data: list[OfficerRecord]
    meta: PageMeta


class OfficerInspection(BaseModel):
    business_code: str
    business_name: str
    date: dt.date
    result: str


class OfficerPublic(OfficerInUnit):
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
