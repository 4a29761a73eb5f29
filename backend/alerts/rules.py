"""The alert rules in force (N of M frames, cooldown, confidence floor per class): the defaults,
then the ALERT_RULES setting, then a camera's own overrides, which only officers set; outside a
camera's staffed hours, the person rule too."""

from datetime import datetime
from typing import Any, Self

from pydantic import BaseModel, Field, model_validator

from analytics.detection import alerts as detection
from backend import paging
from backend.alerts.schemas import RULED_KINDS
from backend.cameras import hours
from backend.config import get_settings
from backend.errors import Invalid
from backend.paging import PageMeta

PERSON = "person"  # off by default; on outside a camera's staffed hours


class RuleOverride(BaseModel):
    """What a camera changes of a class's rule; fields left out keep the rule in force."""

    persist: int | None = Field(None, ge=1, le=30)
    window: int | None = Field(None, ge=1, le=30)
    cooldown_s: float | None = Field(None, ge=0, le=7 * 24 * 3600)
    min_confidence: float | None = Field(None, ge=0, le=1)

    @model_validator(mode="after")
    def _persist_within_window(self) -> Self:
        if self.persist is not None and self.window is not None and self.persist > self.window:
            raise Invalid("A rule cannot need more frames than it looks at.")
        return self


Overrides = dict[str, RuleOverride | None]  # None: the class raises no alert on this camera


class AlertRule(BaseModel):
    kind: str
    persist: int
    window: int
    cooldown_s: float
    min_confidence: float
    # From this confidence the alert counts at once, without an officer (ALERT_AUTO_CONFIRM).
    counts_without_officer_from: float | None = None


class AlertRulesPublic(BaseModel):
    data: list[AlertRule]
    meta: PageMeta


def check_kinds(overrides: Overrides) -> Overrides:
    unknown = sorted(set(overrides) - set(RULED_KINDS))
    if unknown:
        raise Invalid("Unknown detection classes: {names}.", names=", ".join(unknown))
    return overrides


def stored(overrides: Overrides) -> dict[str, Any]:
    return {kind: None if rule is None else rule.model_dump(exclude_none=True)
            for kind, rule in overrides.items()}


def in_force(camera: dict[str, Any] | None = None, at: datetime | None = None) -> dict[str, detection.Rule]:
    """The rules a camera's frames are judged by (Invalid when an override contradicts the rule
    it changes, e.g. more frames needed than the setting's window). With `at` (a stored instant)
    outside the camera's staffed hours, anyone in view raises an alert too, by the person rule in
    force (the default one, unless the setting or the camera changed it or turned it off)."""
    config: dict[str, Any] = dict(get_settings().alert_rules)
    for kind, values in ((camera or {}).get("rules") or {}).items():
        config[kind] = None if values is None else {**(config.get(kind) or {}), **values}
    if at is not None and hours.closed_at((camera or {}).get("staffed_hours"), at):
        config.setdefault(PERSON, {})
    try:
        return detection.rules_from(config)
    except ValueError as exc:  # the fields are bounded: only persist > window is left to refuse
        raise Invalid("A rule cannot need more frames than it looks at.") from exc


def table(camera: dict[str, Any] | None = None) -> list[AlertRule]:
    """The rules in force, in the order the alert kinds are listed everywhere."""
    rules, auto = in_force(camera), get_settings().alert_auto_confirm
    return [AlertRule(kind=kind, persist=rule.persist, window=rule.window, cooldown_s=rule.cooldown_s,
                      min_confidence=rule.min_confidence, counts_without_officer_from=auto.get(kind))
            for kind in RULED_KINDS if (rule := rules.get(kind)) is not None]


def published(*, page_number: int = 1, page_size: int = 20) -> AlertRulesPublic:
    """The rules in force everywhere (before a camera's own), a page of them, in `table`'s order:
    a handful, one per class, paged as every list is."""
    paging.check(page_number, page_size)
    rows = table()
    first = paging.skip(page_number, page_size)
    return AlertRulesPublic(data=rows[first:first + page_size],
                            meta=PageMeta.of(len(rows), page_number, page_size))
