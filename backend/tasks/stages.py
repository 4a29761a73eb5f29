"""Stages with deadlines of their own inside one task (a complaint's accept, verify, notify): the
task is due by the earliest stage still unmet, and each step meets the stages it completes. A stage
may count from when an earlier one is done (a mediation from the acceptance): until then its
deadline is a forecast, from the earlier stage's deadline."""

from datetime import datetime
from typing import Any, NamedTuple

from backend import clock, workdays


class Stage(NamedTuple):
    name: str
    due: datetime
    met_by: tuple[str, ...]  # the task steps (history actions) that complete it
    after: str | None = None  # the stage it counts from, once that one is met
    working_days: int = 0  # how long after it: kept with the stage, as the rule was when given


def stored(stages: list[Stage]) -> list[dict[str, Any]]:
    return [{"name": stage.name, "due": stage.due, "met_by": list(stage.met_by), "met_at": None}
            | ({"after": stage.after, "working_days": stage.working_days} if stage.after else {})
            for stage in stages]


def counted(stages: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each stage that counts from another, due `working_days` after the day that one was met
    (when it is: else as forecast)."""
    met = {stage["name"]: stage["met_at"] for stage in stages if stage.get("met_at") is not None}
    return [stage | {"due": clock.end_of_day(workdays.add_working_days(
                clock.day_of(met[stage["after"]]), stage["working_days"]))}
            if stage.get("after") in met else stage for stage in stages]


def next_due(stages: list[dict[str, Any]]) -> tuple[datetime, str | None]:
    """The earliest unmet stage's deadline and name; once all are met, the deadline of the stages
    the last step met, and no name (the task is late for nothing, and on time if that step came
    by then: a complainant told late is late, however early the leads were verified)."""
    unmet = [stage for stage in stages if stage.get("met_at") is None]
    if unmet:
        first = min(unmet, key=lambda stage: stage["due"])
        return first["due"], first["name"]
    last = max(stage["met_at"] for stage in stages)
    return max(stage["due"] for stage in stages if stage["met_at"] == last), None


def due_fields(stages: list[dict[str, Any]]) -> dict[str, Any]:
    deadline, name = next_due(stages)
    return {"stages": stages, "deadline": deadline, "deadline_stage": name}


def after_step(task: dict[str, Any], action: str, at: datetime) -> dict[str, Any]:
    """The fields to store with a step: the stages it meets and the deadline that follows; none
    for a task without stages, or a step that meets nothing new."""
    stages = task.get("stages") or []
    if not any(stage.get("met_at") is None and action in stage["met_by"] for stage in stages):
        return {}
    return due_fields(counted([stage | {"met_at": at} if stage.get("met_at") is None
                               and action in stage["met_by"] else stage for stage in stages]))


def added(task: dict[str, Any], stage: Stage) -> dict[str, Any]:
    """A stage added later (a reopened complaint's new verification), unmet."""
    return due_fields(list(task.get("stages") or []) + stored([stage]))
