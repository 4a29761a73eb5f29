"""The officer workspace (/me for an officer): what to record, answer and revisit, overdue first."""

from __future__ import annotations

from typing import Any

from backend.database import get_db
from backend.evaluations import service as evaluations
from backend.evaluations.schemas import AnswerCreate, EvaluationPublic, RevisitCreate
from backend.i18n import N_, _
from backend.tasks import service as tasks
from backend.users.schemas import Actor
from portal.components.evaluations import evaluation_row
from portal.components.forms import choices, folded, limit, post_form, submit, textarea
from portal.components.sections import empty, facts, notice, section
from portal.components.tags import dcc, html
from portal.workspace import decisions
from portal.workspace.tasks import tasks_section
from portal.workspace.views import Refusal

# Each form's labels, which its refusals name the fields by too (form_errors.message).
ANSWER_FIELDS = {"text": N_("Your public answer")}
REVISIT_FIELDS = {"note": N_("What the revisit found"), "rectified": N_("Was it put right?")}


def actions(actor: Actor) -> html.Ul:
    links = [(_("Record an inspection"), "/me/inspect"), (_("Record a penalty"), "/me/penalty"),
             (_("Penalties to record as fulfilled"), "/me/penalty#fulfilments-due"),
             (_("Businesses: register, correct, print stickers"), "/me/businesses")]
    if actor.officer_id:
        links.append((_("My public profile"), f"/officers/{actor.officer_id}"))
    return html.Ul([html.Li(html.A(text, href=href)) for text, href in links], className="actions")


def sections(actor: Actor, refused: Refusal | None = None) -> list[Any]:
    """`refused`, by record id: a refused answer, revisit or decision shows beside its own form,
    as typed."""
    db, refused = get_db(), refused or Refusal()
    to_answer = (evaluations.list_for(db, actor=actor, officer_id=actor.officer_id,
                                      unanswered=True, page_size=20).data
                 if actor.officer_id else [])
    follow_ups = evaluations.list_for(db, actor=actor, open_follow_ups=True, page_size=20).data
    return [
        actions(actor),
        section(_("Evaluations to answer"),
                html.Ul([evaluation_row(row, extra=_answer_form(row, refused))
                         for row in to_answer], className="rows") if to_answer
                else empty(_("No evaluation is waiting for your answer.")), name="to-answer"),
        section(_("Bad evaluations to revisit (overdue first)"),
                html.Ul([evaluation_row(row, extra=_revisit(actor, row, refused))
                         for row in follow_ups], className="rows") if follow_ups
                else empty(_("No follow-up is open in your unit.")), name="follow-ups"),
        *decisions.to_decide(actor, refused),
        tasks_section(tasks.list_for(db, actor=actor, page_size=10)),
    ]


def _answer_form(row: EvaluationPublic, refused: Refusal) -> Any:
    error = refused.error_of(row.id)
    return folded(_("Publish the answer"), post_form(f"/me/evaluations/{row.id}/answer",
                     notice(error, "bad") if error else None,
                     *textarea("text", _(ANSWER_FIELDS["text"]), required=True,
                               value=refused.typed_in(row.id, "text"),
                               max_length=limit(AnswerCreate, "text"), control_id=f"answer-{row.id}",
                               errors=refused.errors_of(row.id)),
                     submit(_("Publish the answer")), form_id=f"answer-form-{row.id}"), open_=bool(error))


def _revisit(actor: Actor, row: EvaluationPublic, refused: Refusal) -> html.Div:
    """The row names the business to revisit; this, whose evaluation it is, then the form."""
    officer = dcc.Link(row.officer_name, href=f"/officers/{row.officer_id}")
    return html.Div([facts([(_("Officer evaluated"), officer)]), _revisit_form(actor, row, refused)])


def _revisit_form(actor: Actor, row: EvaluationPublic, refused: Refusal) -> Any:
    error = refused.error_of(row.id)
    if actor.officer_id == row.officer_id:
        return html.P(_("A colleague of your unit records the revisit of your own evaluation."),
                      className="muted")
    return folded(_("Record the revisit"), post_form(f"/me/evaluations/{row.id}/revisit",
                     notice(error, "bad") if error else None,
                     choices("rectified", _("Was it put right?"),
                             [("yes", _("Rectified")), ("no", _("Not rectified"))],
                             chosen={refused.typed_in(row.id, "rectified")}, kind="radio",
                             group_id=f"rectified-{row.id}", required=True,
                             errors=refused.errors_of(row.id)),
                     *textarea("note", _(REVISIT_FIELDS["note"]), required=True,
                               value=refused.typed_in(row.id, "note"),
                               max_length=limit(RevisitCreate, "note"), control_id=f"revisit-{row.id}",
                               errors=refused.errors_of(row.id)),
                     submit(_("Record the revisit")), form_id=f"revisit-form-{row.id}"), open_=bool(error))
