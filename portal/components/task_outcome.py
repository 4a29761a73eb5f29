"""What became of the business's rectification, in words on the task's page and in task lists:
accepted, not accepted, sent back or withdrawn (why, and when it was decided), or still waiting
for the officer's decision."""

from __future__ import annotations

from typing import Any

from backend.i18n import _
from backend.tasks.schemas import VERDICT_LABELS, TaskPublic, TaskStatus, Verdict
from portal.components.tags import html
from portal.components.times import clock_time

_TONES = {Verdict.ACCEPTED: "ok", Verdict.WITHDRAWN: "info"}  # else "bad": more to do, or refused


def verdict_line(task: TaskPublic) -> str | None:
    """One line for a list: "Rectification accepted (2026-12-06 11:18 UTC+8)"; None before any."""
    if task.outcome is not None and not task.awaiting_decision:
        return _("{verdict}, decided {time}").format(
            verdict=_(VERDICT_LABELS[task.outcome.verdict]), time=clock_time(task.outcome.at))
    if task.awaiting_decision:
        return _("Rectification sent, waiting for the officer's decision")
    return None


def outcome(task: TaskPublic) -> list[Any]:
    """The latest decision with its reason, date and (sent back) new deadline; and, once the
    business has sent a rectification since, that it waits for the officer."""
    shown: list[Any] = []
    decided = task.outcome
    if decided is not None:
        lines: list[Any] = [html.Strong(_(VERDICT_LABELS[decided.verdict])), " · ",
                            _("decided {time}").format(time=clock_time(decided.at))]
        if decided.reason:
            lines += [html.Br(), _("Reason: {reason}").format(reason=decided.reason)]
        if (decided.verdict == Verdict.SENT_BACK and decided.deadline
                and task.status == TaskStatus.RECTIFYING and not task.awaiting_decision):
            lines += [html.Br(), _("Rectify again by {date}").format(date=decided.deadline.isoformat())]
        tone = _TONES.get(decided.verdict, "bad")
        shown.append(html.P(lines, className=f"notice notice-{tone}", id="task-outcome",
                            role="alert" if tone == "bad" else "status"))
    if task.awaiting_decision and task.rectification_sent_at:
        shown.append(html.P(_("Rectification sent {time}: waiting for the officer's decision.").format(
                                time=clock_time(task.rectification_sent_at)),
                            className="notice notice-info", id="task-awaiting", role="status"))
    return shown
