"""Shapes of an administrative penalty decision as recorded and as published."""

from datetime import date
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, Field, field_validator, model_validator

from backend import clock, identifiers
from backend.clean_text import Text
from backend.errors import Invalid
from backend.i18n import N_


class PenaltyMeasure(StrEnum):
    WARNING = "warning"
    FINE = "fine"
    CONFISCATION = "confiscation"
    SUSPENSION = "suspension"
    LICENCE_REVOCATION = "licence_revocation"


MEASURE_LABELS = {
    PenaltyMeasure.WARNING: N_("Warning"),
    PenaltyMeasure.FINE: N_("Fine"),
    PenaltyMeasure.CONFISCATION: N_("Confiscation of illegal gains"),
    PenaltyMeasure.SUSPENSION: N_("Suspension of business"),
    PenaltyMeasure.LICENCE_REVOCATION: N_("Licence revoked"),
}
MINOR_MEASURES = {PenaltyMeasure.WARNING, PenaltyMeasure.FINE}


def still_public(penalty: dict[str, Any], on: date) -> bool:
    """A stored decision is published through the last day of its publication period."""
    until = clock.from_stored(penalty["public_until"])
    return until is not None and until >= on


def still_public_query(on: date) -> dict[str, Any]:
    """The same rule as a MongoDB filter, for listing many decisions at once."""
    return {"public_until": {"$gte": clock.to_stored(on)}}


class PenaltyCreate(BaseModel):
    business_code: str
    # e.g. 穗天市监罚〔2026〕12号; [2026], (2026) and （2026） are stored as 〔2026〕
    decision_number: str = identifiers.documented(identifiers.DECISION, min_length=4, max_length=60)
    facts: Text = Field(min_length=1, max_length=2000)
    legal_basis: Text = Field(min_length=1, max_length=500)
    measures: list[PenaltyMeasure] = Field(min_length=1)

    @field_validator("measures")
    @classmethod
    def _each_once(cls, value: list[PenaltyMeasure]) -> list[PenaltyMeasure]:
        """A measure named twice is one measure (a fine is one fine, of `fine_yuan`)."""
        return list(dict.fromkeys(value))
    fine_yuan: float = Field(0, ge=0, le=1e9, allow_inf_nan=False)
    decided_on: date

    @field_validator("fine_yuan")
    @classmethod
    def _in_fen(cls, value: float) -> float:
        """Yuan and fen: 0.001 yuan was published as a fine."""
        if abs(value * 100 - round(value * 100)) > 1e-6:
            raise Invalid("A fine is written in yuan, with at most two decimals (fen).")
        return round(value, 2)

    @model_validator(mode="after")
    def _fine_matches_measures(self) -> "PenaltyCreate":
        if (self.fine_yuan > 0) != (PenaltyMeasure.FINE in self.measures):
            raise Invalid("A fine amount is required when the penalty includes a fine, "
                          "and not allowed otherwise.")
        identifiers.decision_year(self.decision_number, decided_on=self.decided_on)
        return self

    _decision_format = field_validator("decision_number")(identifiers.decision)


class PenaltyPublic(BaseModel):
    decision_number: str
    facts: str
    legal_basis: str
    measures: list[PenaltyMeasure]
    fine_yuan: float
    decided_on: date
    public_until: date

    @classmethod
    def from_stored(cls, penalty: dict[str, Any]) -> "PenaltyPublic":
        return cls(
            decision_number=penalty["decision_number"], facts=penalty["facts"],
            legal_basis=penalty["legal_basis"], measures=penalty["measures"],
            fine_yuan=penalty.get("fine_yuan", 0),
            decided_on=clock.from_stored(penalty["decided_on"]),
            public_until=clock.from_stored(penalty["public_until"]))
