"""Shapes of list criteria (versioned), editions and entries."""

from datetime import date
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, Field, model_validator

from backend.clean_text import Text
from backend.clock import Instant
from backend.errors import Invalid
from backend.i18n import N_
from backend.paging import PageMeta


class ListKind(StrEnum):
    RED = "red"  # 红榜
    BLACK = "black"  # 黑榜


class Rule(StrEnum):
    """What a criterion tests, over the `within_days` before the cut-off."""

    SERIOUS_PENALTY = "serious_penalty"  # suspension, licence revoked or confiscation
    FINE_AT_LEAST = "fine_at_least"  # one fine of at least `threshold` yuan
    REPEATED_FAILURES = "repeated_failures"  # at least `threshold` non-compliant inspections
    LICENCE_REVOKED = "licence_revoked"
    CLEAN_TOP_GRADE = "clean_top_grade"  # grade 优秀, no penalty, no failed inspection
    # …and on the cut-off day no expired licence and no special equipment overdue (特种设备)
    CLEAN_TOP_GRADE_IN_ORDER = "clean_top_grade_in_order"


RULE_LIST = {Rule.SERIOUS_PENALTY: ListKind.BLACK, Rule.FINE_AT_LEAST: ListKind.BLACK,
             Rule.REPEATED_FAILURES: ListKind.BLACK, Rule.LICENCE_REVOKED: ListKind.BLACK,
             Rule.CLEAN_TOP_GRADE: ListKind.RED, Rule.CLEAN_TOP_GRADE_IN_ORDER: ListKind.RED}
LIST_LABELS = {ListKind.RED: N_("Red list"), ListKind.BLACK: N_("Black list")}
RULE_NAMES = {  # a rule in a few words, as the criteria form offers it
    Rule.SERIOUS_PENALTY: N_("Serious penalty"),
    Rule.FINE_AT_LEAST: N_("Fine of at least (threshold, yuan)"),
    Rule.REPEATED_FAILURES: N_("Non-compliant inspections (threshold: how many)"),
    Rule.LICENCE_REVOKED: N_("Licence revoked"),
    Rule.CLEAN_TOP_GRADE: N_("Clean record, grade Excellent"),
    Rule.CLEAN_TOP_GRADE_IN_ORDER: N_("Clean record, grade Excellent, licences and equipment in order"),
}
RULE_LABELS = {
    Rule.SERIOUS_PENALTY: N_("A serious penalty (suspension, confiscation or licence revoked) "
                             "within {days} days"),
    Rule.FINE_AT_LEAST: N_("A fine of at least {threshold} yuan within {days} days"),
    Rule.REPEATED_FAILURES: N_("At least {threshold} non-compliant inspections within {days} days"),
    Rule.LICENCE_REVOKED: N_("Licence revoked within {days} days"),
    Rule.CLEAN_TOP_GRADE: N_("Quantified grade Excellent, with no penalty and no failed "
                             "inspection within {days} days"),
    Rule.CLEAN_TOP_GRADE_IN_ORDER: N_("Quantified grade Excellent, with no penalty and no failed "
                                      "inspection within {days} days, and on the cut-off day no "
                                      "expired licence and no special equipment overdue for "
                                      "maintenance or inspection"),
}


class Criterion(BaseModel):
    id: str = Field(min_length=1, max_length=20, pattern=r"^[a-z0-9-]+$")
    rule: Rule
    within_days: int = Field(ge=1, le=3650)
    threshold: float = Field(0, ge=0, le=1e9)

    @property
    def list(self) -> ListKind:
        return RULE_LIST[self.rule]

    @model_validator(mode="after")
    def _threshold_when_needed(self) -> "Criterion":
        if self.rule in (Rule.FINE_AT_LEAST, Rule.REPEATED_FAILURES) and self.threshold <= 0:
            raise Invalid("This criterion needs a threshold above zero.")
        return self


DEFAULT_CRITERIA = [
    Criterion(id="b-serious", rule=Rule.SERIOUS_PENALTY, within_days=365),
    Criterion(id="b-fine", rule=Rule.FINE_AT_LEAST, within_days=365, threshold=50_000),
    Criterion(id="b-repeat", rule=Rule.REPEATED_FAILURES, within_days=365, threshold=2),
    Criterion(id="b-revoked", rule=Rule.LICENCE_REVOKED, within_days=3 * 365),
    Criterion(id="r-clean", rule=Rule.CLEAN_TOP_GRADE_IN_ORDER, within_days=365),
]


class CriteriaUpdate(BaseModel):
    criteria: list[Criterion] = Field(min_length=1, max_length=30)
    note: Text = Field(min_length=1, max_length=1000)  # why they changed (shown publicly)

    @model_validator(mode="after")
    def _unique_ids(self) -> "CriteriaUpdate":
        if len({c.id for c in self.criteria}) != len(self.criteria):
            raise Invalid("Each criterion needs its own id.")
        return self


class CriteriaPublic(BaseModel):
    version: int
    criteria: list[Criterion]
    note: str
    published_at: Instant | None = None
    published_by: str | None = None


class CriteriaVersionsPublic(BaseModel):
    data: list[CriteriaPublic]
    meta: PageMeta


class Entry(BaseModel):
    edition: int
    list: ListKind
    business_code: str
    business_name: str
    district: str
    trade: str
    criterion_id: str
    reason: str  # the facts behind it: decision numbers, dates, counts
    listed_since: date

    @classmethod
    def from_stored(cls, row: dict[str, Any]) -> "Entry":
        return cls(**row | {"listed_since": row["listed_since"].date()})


class EntriesPublic(BaseModel):
    data: list[Entry]
    meta: PageMeta


class EditionPublic(BaseModel):
    number: int
    cut_off: date
    published_at: Instant
    published_by: str
    criteria_version: int
    red_count: int
    black_count: int
    corrects: int | None = None  # a correction names the edition it replaces…
    correction_note: str = ""  # …and says what changed and why
    added: list[str] = Field(default_factory=list)  # "<list>:<code>" against the previous edition
    removed: list[str] = Field(default_factory=list)
    hash: str

    @classmethod
    def from_stored(cls, row: dict[str, Any]) -> "EditionPublic":
        fields = {k: v for k, v in row.items() if k in cls.model_fields}
        return cls(**fields | {"number": row["_id"], "cut_off": row["cut_off"].date()})


class EditionsPublic(BaseModel):
    data: list[EditionPublic]
    meta: PageMeta


MAX_EDITION = 1_000_000  # past any real edition number (one a month): beyond it a number is a typo


class EditionPublish(BaseModel):
    cut_off: date | None = None  # default: today
    corrects: int | None = Field(None, ge=1, le=MAX_EDITION)
    correction_note: Text = Field("", max_length=2000)

    @model_validator(mode="after")
    def _correction_says_why(self) -> "EditionPublish":
        if self.corrects is not None and not self.correction_note.strip():
            raise Invalid("A correction must say what changed and why.")
        return self
