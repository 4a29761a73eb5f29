"""The officer workspace (/me for an officer): what to record, answer and revisit, overdue first."""

from __future__ import annotations

from typing import Any

from backend.database import get_db
from backend.evaluations import service as evaluations
from backend.evaluations.schemas import EvaluationPublic
from backend.i18n import _
from backend.tasks import service as tasks
from backend.users.schemas import Actor
from portal.components.evaluations import evaluation_row
from portal.components.forms import choices, folded, post_form, submit, textarea
from portal.components.sections import empty, notice, section
from portal.components.tags import html
from portal.workspace import applications
from portal.workspace.tasks import tasks_section


def actions(actor: Actor) -> html.Ul:
    links = [(_("Record an inspection"), "/me/inspect"), (_("Record a penalty"), "/me/penalty")]
    if actor.officer_id:
        links.append((_("My public profile"), f"/officers/{actor.officer_id}"))
    return html.Ul([html.Li(html.A(text, href=href)) for text, href in links], className="actions")


def sections(actor: Actor, errors: dict[str, str] | None = None) -> list[Any]:
    """`errors` by record id: a refused answer, revisit or decision shows beside its own form."""
    db, errors = get_db(), errors or {}
    to_answer = (evaluations.list_for(db, actor=actor, officer_id=actor.officer_id,
                                      unanswered=True, page_size=20).data
                 if actor.officer_id else [])
    follow_ups = evaluations.list_for(db, actor=actor, open_follow_ups=True, page_size=20).data
    return [
        actions(actor),
        section(_("Evaluations to answer"),
                html.Ul([evaluation_row(row, extra=_answer_form(row, errors.get(row.id, "")))
                         for row in to_answer], className="rows") if to_answer
                else empty(_("No evaluation is waiting for your answer.")), name="to-answer"),
        section(_("Bad evaluations to revisit (overdue first)"),
                html.Ul([evaluation_row(row, about_officer=False,
                                        extra=_revisit_form(actor, row, errors.get(row.id, "")))
                         for row in follow_ups], className="rows") if follow_ups
                else empty(_("No follow-up is open in your unit.")), name="follow-ups"),
        *applications.to_decide(actor, errors),
        tasks_section(tasks.list_for(db, actor=actor, page_size=10)),
    ]


def _answer_form(row: EvaluationPublic, error: str) -> Any:
    return folded(_("Publish the answer"), post_form(f"/me/evaluations/{row.id}/answer",
                     notice(error, "bad") if error else None,
                     *textarea("text", _("Your public answer"), required=True,
                               control_id=f"answer-{row.id}"),
                     submit(_("Publish the answer")), form_id=f"answer-form-{row.id}"), open_=bool(error))


def _revisit_form(actor: Actor, row: EvaluationPublic, error: str) -> Any:
    if actor.officer_id == row.officer_id:
        return html.P(_("A colleague of your unit records the revisit of your own evaluation."),
                      className="muted")
    return folded(_("Record the revisit"), post_form(f"/me/evaluations/{row.id}/revisit",
                     notice(error, "bad") if error else None,
                     choices("rectified", _("Was it put right?"),
                             [("yes", _("Rectified")), ("no", _("Not rectified"))],
                             chosen={"yes"}, kind="radio", group_id=f"rectified-{row.id}"),
                     *textarea("note", _("What the revisit found"), required=True,
                               control_id=f"revisit-{row.id}"),
                     submit(_("Record the revisit")), form_id=f"revisit-form-{row.id}"), open_=bool(error))
