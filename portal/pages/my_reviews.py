"""Reviews to act on (/me/reviews): a business replies to its own; an officer answers or escalates."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import dash

from backend.database import get_db
from backend.errors import DomainError
from backend.i18n import N_, _, ngettext
from backend.profiles import service as profiles
from backend.reviews import service
from backend.reviews.schemas import ConsumerGrade, ReplyRole, ReviewPublic
from backend.users.schemas import Actor, Role
from portal import csrf, once
from portal.auth import current_actor
from portal.components.forms import folded
from portal.components.header import sign_in_url
from portal.components.records import nothing_on_page, page_url, pager
from portal.components.reviews import grade_section, review_item
from portal.components.sections import empty, notice, page, section
from portal.components.tags import dcc, html
from portal.numbers import page_number

dash.register_page(__name__, path="/me/reviews", title=lambda **_path: _("Reviews to answer"))


AWAITING_PAGE_SIZE = 30

DONE = {"reply": N_("Your reply is published under the review."),
        "answer": N_("Your answer is published under the review, signed by your unit."),
        "escalate": N_("Escalated: the complaint task is in the task list.")}


@dataclass(frozen=True)
class Draft:
    """A refused action on a review, shown again beside the review as it was typed, with the reason."""

    review_id: str
    action: str
    typed: str
    error: str


def layout(code: str = "", done: str = "", page: str = "1", **_query: str) -> html.Article:
    return reviews_page(code=code, done=done, number=page_number(page))


def address(code: str) -> str:
    """This page's own, listing the reviews of `code` (or, with none, those awaiting an officer)."""
    return "/me/reviews" + (f"?{urlencode({'code': code})}" if code else "")


def reviews_page(*, code: str = "", done: str = "", draft: Draft | None = None,
                 number: int = 1) -> html.Article:
    actor = current_actor()
    if actor is None:
        return page(_("Reviews to answer"), notice(_("Please sign in first."), "info"),
                    html.P(html.A(_("Sign in"), href=sign_in_url(address(code)))))
    if actor.role == Role.ENTERPRISE and actor.business_code:
        code = actor.business_code
    elif actor.role not in (Role.OFFICER, Role.ADMIN):
        return page(_("Reviews to answer"), notice(_("Only businesses and officers answer reviews."),
                                                   "info"))
    finder = html.Form([html.Label(_("Credit code"), htmlFor="reviews-code"),
                        dcc.Input(id="reviews-code", name="code", value=code, maxLength=18),
                        html.Button(_("Show"), type="submit")],
                       method="get", action="/me/reviews", className="form")
    said = notice(_(DONE[done]), "ok") if done in DONE else None
    if not code:
        waiting, awaiting = _awaiting(actor, draft, number)
        return page(_("Reviews to answer"), said, _stray(actor, draft, waiting), finder, awaiting)
    try:
        listed = service.list_for_business(get_db(), code=str(code)[:18], page_size=50)
        record = profiles.public_record(get_db(), code=str(code)[:18])
    except DomainError as exc:
        return page(_("Reviews to answer"), finder, notice(exc.translated(_), "bad"),
                    _stray(actor, draft, []))
    back = f"/me/reviews?code={code}"
    rows = [review_item(review, after=_forms(actor, review, back, draft)) for review in listed.data]
    return page(_("Reviews to answer"), said, _stray(actor, draft, listed.data),
                finder if actor.role != Role.ENTERPRISE else None,
                grade_section(record.grades, record.business.code),
                _history(record.grades.consumer),
                section(_("Reviews"), html.Ul(rows, className="rows") if rows
                        else empty(_("No reviews yet.")), name="reviews"),
                lead=record.business.name)


def _history(grade: ConsumerGrade | None) -> html.Section:
    """The plain average score of each month's reviews, as the grade page's table has them (no
    script needed); named for what it is, so nobody reads it as the grade over time."""
    title = _("Monthly average of review scores")
    if grade is None or not grade.trend:
        return section(title, empty(_("No month with scored reviews yet.")), name="history")
    months = html.Table([html.Thead(html.Tr([html.Th(_("Month")), html.Th(_("Average score")),
                                             html.Th(_("Reviews"))])),
                         html.Tbody([html.Tr([html.Td(row["month"]), html.Td(str(row["score"])),
                                              html.Td(str(row["reviews"]))])
                                     for row in reversed(grade.trend)])], className="table")
    said = html.P([_("Plain averages of each month's reviews, not your grade."), " ",
                   dcc.Link(_("How grades work"), href="/grades")], className="muted")
    return section(title, said, months, name="history")


def _awaiting(actor: Actor, draft: Draft | None,
              number: int) -> tuple[list[ReviewPublic], html.Section]:
    """The officer's way in: unhappy reviews in the unit's districts nobody has acted on yet, a
    page of them at a time."""
    title = _("Unhappy reviews no officer has answered")
    try:
        found = service.awaiting_regulator(get_db(), actor=actor, page_number=number,
                                           page_size=AWAITING_PAGE_SIZE)
    except DomainError as exc:
        return [], section(title, notice(exc.translated(_), "bad"), name="awaiting")
    waiting, meta = found.data, found.meta
    if not waiting:
        return [], section(title, nothing_on_page(
            meta.totalCount, page_url("/me/reviews", {}, meta.totalPages),
            _("None: every unhappy review in your districts has been answered or escalated.")),
            name="awaiting")
    back = page_url("/me/reviews", {}, number)
    rows = [review_item(entry.review,
                        html.P([dcc.Link(entry.business_name,
                                         href=f"/me/reviews?code={entry.review.business_code}"),
                                " · ", html.Span(entry.district, className="muted")]),
                        after=_forms(actor, entry.review, back, draft))
            for entry in waiting]
    counted = ngettext("{count} review waits for an officer.", "{count} reviews wait for an officer.",
                       meta.totalCount).format(count=meta.totalCount)
    listing = section(title, html.P(_("Newest first: reviews the model reads as unhappy or given one "
                                      "or two stars, about businesses in your districts, that no "
                                      "officer has answered and nobody has escalated. Answer "
                                      "publicly, or escalate one that alleges a violation."),
                                    className="muted"),
                      html.P(counted, className="muted"), html.Ul(rows, className="rows"),
                      pager("/me/reviews", {}, number, meta.totalPages) if meta.totalPages > 1 else None,
                      name="awaiting")
    return [entry.review for entry in waiting], listing


def _stray(actor: Actor, draft: Draft | None, shown: list[ReviewPublic]) -> html.P | None:
    """The reason of a refusal whose form this page does not draw (the review left the list, or
    was replied to meanwhile), on top: beside no review, but not lost."""
    if draft is None or any(review.id == draft.review_id and draft.action in _actions(actor, review)
                            for review in shown):
        return None
    return notice(draft.error, "bad")


ACTIONS = {"reply": (N_("Reply publicly"), "text"), "answer": (N_("Answer publicly"), "text"),
           "escalate": (N_("Escalate as a complaint"), "note")}  # label, the field it posts


def action_form(review_id: str, action: str, back: str, draft: Draft | None = None) -> html.Form:
    """The form of one action on a review; after a refusal of it, with the reason and what was typed."""
    label, field = _(ACTIONS[action][0]), ACTIONS[action][1]
    mine = draft if draft and (draft.review_id, draft.action) == (review_id, action) else None
    return html.Form([*([notice(mine.error, "bad")] if mine else []),
                      html.Label(label, htmlFor=f"{action}-{review_id}"),
                      html.Textarea(mine.typed if mine else "", id=f"{action}-{review_id}", name=field,
                                    rows=2, maxLength=1000, required=action != "escalate"),
                      dcc.Input(type="hidden", name="next", value=back),
                      csrf.field(), once.field(), html.Button(label, type="submit")],
                     method="post", action=f"/reviews/{review_id}/{action}", className="form")


def _actions(actor: Actor, review: ReviewPublic) -> list[str]:
    """What is left to do on a review: a business replies once; an officer answers, and escalates
    what nobody has escalated yet."""
    if actor.role == Role.ENTERPRISE:
        return [] if any(reply.role == ReplyRole.BUSINESS for reply in review.replies) else ["reply"]
    return ["answer"] if review.escalated else ["answer", "escalate"]


def _forms(actor: Actor, review: ReviewPublic, back: str, draft: Draft | None) -> list[Any]:
    """The actions left on a review, folded under one line so a list of them stays short; open
    when one of them came back refused."""
    actions = _actions(actor, review)
    if not actions:
        return []
    summary = _("Answer or escalate") if len(actions) > 1 else _(ACTIONS[actions[0]][0])
    refused = draft is not None and draft.review_id == review.id and draft.action in actions
    return [folded(summary, *(action_form(review.id, action, back, draft) for action in actions),
                   open_=refused)]
