"""Shapes of a draw plan (抽查计划) as an administrator defines it and as the public sees it."""

from datetime import date
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

from backend import clock
from backend.businesses.schemas import Trade
from backend.clean_text import Text
from backend.clock import Instant
from backend.i18n import N_
from backend.paging import PageMeta


class RiskLevel(StrEnum):
    A = "A"
    B = "B"
    C = "C"
    D = "D"


# Until businesses carry a graded risk level (食品安全风险分级), the trade stands in for it:
# production and workshops handle more risk than selling packaged food. A business document
# with a `risk_level` field overrides this.
RISK_BY_TRADE = {Trade.FOOD_SALES: RiskLevel.A, Trade.SPECIAL_EQUIPMENT_USER: RiskLevel.A,
                 Trade.CATERING: RiskLevel.B, Trade.SMALL_WORKSHOP: RiskLevel.C,
                 Trade.FOOD_PRODUCTION: RiskLevel.C}


class PlanStatus(StrEnum):
    DRAFT = "draft"
    PUBLISHED = "published"  # register hash, weights and seed public; not drawn yet
    DRAWN = "drawn"


STATUS_LABELS = {PlanStatus.DRAFT: N_("Draft"), PlanStatus.PUBLISHED: N_("Published, not drawn yet"),
                 PlanStatus.DRAWN: N_("Drawn")}


class Weights(BaseModel):
    """Higher risk or lower credit raises a business's chance; all multiply."""

    risk: dict[RiskLevel, float] = Field(default_factory=lambda: {
        RiskLevel.A: 1.0, RiskLevel.B: 1.5, RiskLevel.C: 2.0, RiskLevel.D: 3.0})
    penalty: float = Field(2.0, ge=1, le=10)  # a penalty decided in the last `credit_years`
    failed_inspection: float = Field(1.5, ge=1, le=10)  # a non-compliant inspection, same period
    credit_years: int = Field(3, ge=1, le=10)

    @field_validator("risk")
    @classmethod
    def _every_level(cls, value: dict[RiskLevel, float]) -> dict[RiskLevel, float]:
        if set(value) != set(RiskLevel) or any(not 0 < weight <= 10 for weight in value.values()):
            raise ValueError("give a weight between 0 and 10 for each risk level A-D")
        return value


class PlanCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")   # a mistyped field would widen the scope unseen
    name: Text = Field(min_length=2, max_length=120)
    unit_id: str = Field(min_length=1, max_length=20)
    districts: list[str] = Field(default_factory=list, max_length=20)  # empty: all of the unit's
    trades: list[Trade] = Field(default_factory=list)  # empty: every trade
    base_ratio: float = Field(0.04, gt=0, le=1)  # ~4 % of the businesses in scope
    weights: Weights = Field(default_factory=Weights)
    max_per_year: int = Field(2, ge=1, le=12)
    officers_per_inspection: int = Field(2, ge=2, le=4)
    inspect_within_working_days: int = Field(15, ge=1, le=120)


class PlanPublish(BaseModel):
    """When the published plan is drawn: by the worker on that day unless an administrator draws
    it before. Left out: the next working day."""

    model_config = ConfigDict(extra="forbid")   # a mistyped `draw_on` would publish for good

    draw_on: date | None = None


class DrawnInspection(BaseModel):
    """The inspection recorded for a drawn business's task (一公开: the result, made public).
    `off_draw`: by a team other than the one drawn (an officer fell ill), said, not hidden."""

    id: str
    date: date
    result: str
    off_draw: bool = False


class DrawnTarget(BaseModel):
    business_code: str
    business_name: str = ""
    key: float
    officer_ids: list[str]
    officer_names: list[str] = Field(default_factory=list)
    inspection: DrawnInspection | None = None  # not stored with the draw: read from the inspections


class PlanPublic(BaseModel):
    id: str
    name: str
    unit_id: str
    districts: list[str]
    trades: list[Trade]
    base_ratio: float
    weights: Weights
    max_per_year: int
    officers_per_inspection: int
    status: PlanStatus
    created_at: Instant
    published_at: Instant | None = None
    register_hash: str | None = None  # SHA-256 of the register snapshot's canonical JSON
    register_size: int | None = None
    seed: str | None = None
    draw_on: date | None = None  # published: drawn on this day at the latest (the worker draws it)
    drawn_at: Instant | None = None
    results_due: date | None = None  # within 20 working days of the draw
    drawn_count: int | None = None  # how many were drawn: lists of plans carry this, not `drawn`
    # in full on one plan only; null in lists of plans (it read as "nobody was drawn" beside
    # drawn_count), which carry the count alone
    drawn: list[DrawnTarget] | None = None

    @classmethod
    def from_stored(cls, plan: dict[str, Any]) -> "PlanPublic":
        fields = {k: v for k, v in plan.items() if k in cls.model_fields}
        if "drawn" not in fields and plan.get("status") != "drawn":
            fields["drawn"] = []   # not drawn yet: none
        fields["results_due"] = clock.from_stored(plan.get("results_due"))
        fields["draw_on"] = clock.from_stored(plan.get("draw_on"))
        return cls(**fields, id=plan["_id"])


class PlansPublic(BaseModel):
    data: list[PlanPublic]
    meta: PageMeta


class ConflictCreate(BaseModel):
    """An officer's declared conflict of interest (回避) with a business."""

    officer_id: str = Field(min_length=1, max_length=20)
    business_code: str
    reason: Text = Field(min_length=2, max_length=200)


class Verification(BaseModel):
    """`result_matches` and `match` are null until the plan is drawn: there is no result yet to
    compare, and "false" read as a result that had been altered."""

    plan_id: str
    drawn: bool
    register_hash_matches: bool
    result_matches: bool | None
    match: bool | None
