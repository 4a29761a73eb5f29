"""Reviews to act on (/me/reviews): a business replies to its own; an officer answers or escalates."""

from __future__ import annotations

from typing import Any

import dash

from backend.database import get_db
from backend.errors import DomainError
from backend.i18n import _
from backend.profiles import service as profiles
from backend.reviews import service
from backend.reviews.schemas import ReplyRole, ReviewPublic
from backend.users.schemas import Actor, Role
from portal import csrf
from portal.auth import current_actor
from portal.components.header import sign_in_url
from portal.components.reviews import review_item, why_this_grade
from portal.components.sections import empty, notice, page, section
from portal.components.tags import dcc, html

dash.register_page(__name__, path="/me/reviews", title=lambda **_path: _("Reviews to answer"))


def layout(code: str = "", **_query: str) -> html.Article:
    actor = current_actor()
    if actor is None:
        return page(_("Reviews to answer"), notice(_("Please sign in first."), "info"),
                    html.P(html.A(_("Sign in"), href=sign_in_url("/me/reviews"))))
    if actor.role == Role.ENTERPRISE and actor.business_code:
        code = actor.business_code
    elif actor.role not in (Role.OFFICER, Role.ADMIN):
        return page(_("Reviews to answer"), notice(_("Only businesses and officers answer reviews."),
                                                   "info"))
    finder = html.Form([html.Label(_("Credit code"), htmlFor="reviews-code"),
                        dcc.Input(id="reviews-code", name="code", value=code, maxLength=18),
                        html.Button(_("Show"), type="submit")],
                       method="get", action="/me/reviews", className="form")
    if not code:
        return page(_("Reviews to answer"), finder)
    try:
        listed = service.list_for_business(get_db(), code=str(code)[:18], page_size=50)
        record = profiles.public_record(get_db(), code=str(code)[:18])
    except DomainError as exc:
        return page(_("Reviews to answer"), finder, notice(exc.translated(_), "bad"))
    history = (why_this_grade(record.grades.consumer) if record.grades.consumer
               else empty(_("No scored review yet: this business has no consumer grade.")))
    rows = [html.Li([review_item(review), *_forms(actor, review, code)])
            for review in listed.data]
    return page(_("Reviews to answer"),
                finder if actor.role != Role.ENTERPRISE else None,
                section(_("Grade history"), history, name="history"),
                section(_("Reviews"), html.Ul(rows, className="rows") if rows
                        else empty(_("No reviews yet.")), name="reviews"),
                lead=record.business.name)


def _form(review: ReviewPublic, action: str, label: str, field: str, code: str) -> html.Form:
    return html.Form([html.Label(label, htmlFor=f"{action}-{review.id}"),
                      html.Textarea(id=f"{action}-{review.id}", name=field, rows=2,
                                    maxLength=1000, required=action != "escalate"),
                      dcc.Input(type="hidden", name="next", value=f"/me/reviews?code={code}"),
                      csrf.field(), html.Button(label, type="submit")],
                     method="post", action=f"/reviews/{review.id}/{action}", className="form")


def _forms(actor: Actor, review: ReviewPublic, code: str) -> list[Any]:
    if actor.role == Role.ENTERPRISE:
        replied = any(reply.role == ReplyRole.BUSINESS for reply in review.replies)
        return [] if replied else [_form(review, "reply", _("Reply publicly"), "text", code)]
    forms = [_form(review, "answer", _("Answer publicly"), "text", code)]
    if not review.escalated:
        forms.append(_form(review, "escalate", _("Escalate as a complaint"), "note", code))
    return forms
