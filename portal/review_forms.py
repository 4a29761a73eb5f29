"""Plain form posts about reviews (no script needed): write one on the QR page, reply, answer, escalate."""

from typing import Any
from urllib.parse import parse_qsl, urlsplit

import flask
from pydantic import ValidationError

from backend import clock
from backend.database import get_db
from backend.errors import DomainError, Unauthorized
from backend.i18n import _
from backend.reviews import service
from backend.reviews.schemas import EscalationCreate, ReplyCreate, ReviewCreate
from portal import auth, csrf, form_errors, once
from portal.components.reviews import result_notice
from portal.components.tags import light
from portal.numbers import page_number
from portal.prerender import PortalDash


def _review_from(form: Any) -> ReviewCreate:
    # stars as typed: a value that is not 1–5 is refused in words ("Stars: …"), not dropped
    return ReviewCreate(text=form.get("text", ""), stars=form.get("stars", "").strip() or None,
                        staff_id=form.get("staff_id") or None)


def install(app: PortalDash) -> None:
    from portal.pages import business, my_reviews

    server = app.server

    @server.post("/b/<code>/reviews")
    def write_review(code: str) -> flask.Response:
        form = flask.request.form
        signed = form.get("s") or None
        # whole, as sent: an over-long review is refused with its limit and comes back to be cut
        typed = {"text": form.get("text", ""), "stars": form.get("stars", ""),
                 "staff_id": form.get("staff_id", "")}
        try:
            csrf.verify()
            data = _review_from(form)

            def record() -> str:
                # this browser's CSRF value (checked just above) tells it apart from the others on
                # its network: one diner's review does not use up the next diner's on the same Wi-Fi
                return service.submit(get_db(), actor=auth.current_actor(),
                                      client=flask.request.remote_addr or "unknown", code=code,
                                      data=data, browser=flask.request.cookies.get(csrf.COOKIE)).id

            # The form sits in a page cached for every browser, so it carries no one-time token: the
            # same review sent again from this browser today (a double tap) is the first one.
            review_id = once.run(once.key(f"review:{code}", typed.values(),
                                          token=clock.today().isoformat()), record)
        except (DomainError, ValidationError) as exc:
            message, status = form_errors.message(exc)
            content = business.review_answer(code, signed, result_notice(message, ok=False), typed,
                                             form_errors.refused_fields(exc))
            return form_errors.with_retry_after(app.render_page(
                f"/b/{code}", {}, content=content, with_scripts=False, status=status), exc)
        thanks = result_notice(_("Thank you: your review is published with the reviews above. Its "
                                 "score follows in a moment."), ok=True)
        content = business.review_answer(code, signed, thanks, {})
        response = app.render_page(f"/b/{code}", {}, content=content, with_scripts=False)
        response.headers["X-Review-Id"] = review_id
        return response

    @server.post("/reviews/<review_id>/<action>")
    def act_on_review(review_id: str, action: str) -> flask.Response:
        """Reply (the business), answer or escalate (an officer); back to where the form was."""
        if action not in my_reviews.ACTIONS:
            flask.abort(404)
        form = flask.request.form
        back = auth.safe_next(form.get("next"), "/me")
        typed = form.get(my_reviews.ACTIONS[action][1], "")
        try:
            csrf.verify()
            actor = auth.current_actor()

            def record() -> str:
                if action == "reply":
                    service.reply(get_db(), actor=actor, review_id=review_id, data=ReplyCreate(text=typed))
                elif action == "answer":
                    service.answer(get_db(), actor=actor, review_id=review_id, data=ReplyCreate(text=typed))
                else:
                    service.escalate(get_db(), actor=actor, review_id=review_id,
                                     data=EscalationCreate(note=typed))
                # the page says what was done: the review it was done to may have left its list
                return f"{back}{'&' if '?' in back else '?'}done={action}"

            # A double tap or a resend of the same form (its one-time token) gets the first answer.
            done = once.run(once.key(f"review:{review_id}:{action}", [typed]), record)
        except (DomainError, ValidationError) as exc:
            if isinstance(exc, Unauthorized):  # signed out meanwhile: sign in, then back to the list
                return auth.sign_in_first(back)
            # The forms live on /me/reviews: that page again, the list `next` showed, the reason
            # and the text beside the review, as every refused form of the site comes back.
            message, status = form_errors.message(exc)
            shown = dict(parse_qsl(urlsplit(back).query))
            code = shown.get("code", "")
            with light():
                content = my_reviews.reviews_page(code=code, draft=my_reviews.Draft(
                    review_id, action, typed, message), number=page_number(shown.get("page")))
            return form_errors.with_retry_after(app.render_page(
                my_reviews.address(code), {}, content=content, title=_("Reviews to answer"),
                with_scripts=False, status=status), exc)
        return flask.redirect(done, code=303)
