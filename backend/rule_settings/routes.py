"""The domain rules administrators change while the site runs: read them all, change some."""

from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends

from backend.deps import DbDep, SignedInDep
from backend.rule_settings import service
from backend.rule_settings.schemas import RuleSettingsPublic
from backend.strict_query import refuse_unknown_query

router = APIRouter(prefix="/settings", tags=["settings"], dependencies=[Depends(refuse_unknown_query)])

Changes = Annotated[dict[str, Any], Body(examples=[{"expiry_windows": [60, 30, 7], "grade_bands": None}])]


@router.get("", response_model=RuleSettingsPublic)
def get_settings(db: DbDep, actor: SignedInDep) -> RuleSettingsPublic:
    """Every rule an administrator may change: the value in force, the environment's default and
    whether it is overridden; `version` counts the saved changes (administrators only)."""
    return service.current(db, actor=actor)


@router.patch("", response_model=RuleSettingsPublic)
def change_settings(db: DbDep, actor: SignedInDep, changes: Changes) -> RuleSettingsPublic:
    """`{rule: value}` overrides a rule, `{rule: null}` puts it back to the default; in force in
    every process within seconds. A refused value stores nothing (422, one line per rule); a
    value has the JSON type of its rule (12, not "12" or true, for a whole number)."""
    return service.update(db, actor=actor, changes=changes, strict=True)
