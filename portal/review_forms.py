"""Plain form posts about reviews (no script needed): write one on the QR page, reply, answer, escalate."""

from typing import Any

import flask
from pydantic import ValidationError

from backend.database import get_db
from backend.errors import DomainError
from backend.i18n import _
from backend.reviews import service
from backend.reviews.schemas import EscalationCreate, ReplyCreate, ReviewCreate
from portal import auth, csrf, form_errors
from portal.components.reviews import result_notice
from portal.components.tags import html
from portal.prerender import PortalDash


def _review_from(form: Any) -> ReviewCreate:
    # stars as typed: a value that is not 1–5 is refused in words ("Stars: …"), not dropped
    return ReviewCreate(text=form.get("text", "")[:5000], stars=form.get("stars", "").strip()[:20] or None,
                        staff_id=form.get("staff_id") or None)


def install(app: PortalDash) -> None:
    from portal.pages import business, my_reviews

    server = app.server

    @server.post("/b/<code>/reviews")
    def write_review(code: str) -> flask.Response:
        form = flask.request.form
        signed = form.get("s") or None
        typed = {"text": form.get("text", "")[:5000], "stars": form.get("stars", "")[:20],
                 "staff_id": form.get("staff_id", "")[:40]}
        try:
            csrf.verify()
            review = service.submit(get_db(), actor=auth.current_actor(),
                                    client=flask.request.remote_addr or "unknown", code=code,
                                    data=_review_from(form))
        except (DomainError, ValidationError) as exc:
            message, status = form_errors.message(exc)
            content = business.review_answer(code, signed, result_notice(message, ok=False), typed)
            return form_errors.with_retry_after(app.render_page(
                f"/b/{code}", {}, content=content, with_scripts=False, status=status), exc)
        thanks = result_notice(_("Thank you: your review is published below. Its score follows "
                                 "in a moment."), ok=True)
        content = business.review_answer(code, signed, thanks, {})
        response = app.render_page(f"/b/{code}", {}, content=content, with_scripts=False)
        response.headers["X-Review-Id"] = review.id
        return response

    @server.post("/reviews/<review_id>/<action>")
    def act_on_review(review_id: str, action: str) -> flask.Response:
        """Reply (the business), answer or escalate (an officer); back to where the form was."""
        form = flask.request.form
        back = auth.safe_next(form.get("next"), "/me")
        try:
            csrf.verify()
            actor = auth.current_actor()
            if action == "reply":
                service.reply(get_db(), actor=actor, review_id=review_id,
                              data=ReplyCreate(text=form.get("text", "")))
            elif action == "answer":
                service.answer(get_db(), actor=actor, review_id=review_id,
                               data=ReplyCreate(text=form.get("text", "")))
            elif action == "escalate":
                service.escalate(get_db(), actor=actor, review_id=review_id,
                                 data=EscalationCreate(note=form.get("note", "")))
            else:
                flask.abort(404)
        except (DomainError, ValidationError) as exc:
            message, status = form_errors.message(exc)
            retry = []
            if status == 422 and action in my_reviews.ACTIONS:  # what was typed, to mend and resend
                typed = form.get(my_reviews.ACTIONS[action][1], "")[:1000]
                retry.append(my_reviews.action_form(review_id, action, back, typed))
            return app.render_page(back, {}, content=html.Div([result_notice(message, ok=False), *retry]),
                                   title=_("Reviews"), with_scripts=False, status=status)
        # the page says what was done: the review it was done to may have left its list
        return flask.redirect(f"{back}{'&' if '?' in back else '?'}done={action}", code=303)
