"""Stages with deadlines of their own inside one task (a complaint's accept, verify, notify): the
task is due by the earliest stage still unmet, and each step meets the stages it completes."""

from datetime import datetime
from typing import Any, NamedTuple


class Stage(NamedTuple):
    name: str
    due: datetime
    met_by: tuple[str, ...]  # the task steps (history actions) that complete it


def stored(stages: list[Stage]) -> list[dict[str, Any]]:
    return [{"name": stage.name, "due": stage.due, "met_by": list(stage.met_by), "met_at": None}
            for stage in stages]


def next_due(stages: list[dict[str, Any]]) -> tuple[datetime, str | None]:
    """The earliest unmet stage's deadline and name; once all are met, the last deadline and no
    name (the task is late for nothing, and on time if it closed by then)."""
    unmet = [stage for stage in stages if stage.get("met_at") is None]
    if unmet:
        first = min(unmet, key=lambda stage: stage["due"])
        return first["due"], first["name"]
    return max(stage["due"] for stage in stages), None


def due_fields(stages: list[dict[str, Any]]) -> dict[str, Any]:
    deadline, name = next_due(stages)
    return {"stages": stages, "deadline": deadline, "deadline_stage": name}


def after_step(task: dict[str, Any], action: str, at: datetime) -> dict[str, Any]:
    """The fields to store with a step: the stages it meets and the deadline that follows; none
    for a task without stages, or a step that meets nothing new."""
    stages = task.get("stages") or []
    if not any(stage.get("met_at") is None and action in stage["met_by"] for stage in stages):
        return {}
    return due_fields([stage | {"met_at": at} if stage.get("met_at") is None
                       and action in stage["met_by"] else stage for stage in stages])


def added(task: dict[str, Any], stage: Stage) -> dict[str, Any]:
    """A stage added later (a reopened complaint's new verification), unmet."""
    return due_fields(list(task.get("stages") or []) + stored([stage]))
