"""Serving a workspace page: built as light elements, framed, no Dash takeover (forms post plainly)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import flask
from pydantic import ValidationError
from werkzeug.wrappers import Response as WerkzeugResponse

from backend.errors import DomainError
from backend.i18n import N_, _
from portal import auth, form_errors, form_text, page_response
from portal.components.header import sign_in_url
from portal.components.sections import notice, page
from portal.components.tags import html, light
from portal.prerender import PortalDash

# What a redirect after a successful form may announce (?done=…): fixed texts, never the query's.
DONE = {
    "evaluated": N_("Thank you: your evaluation is recorded."),
    "answered": N_("Your answer is published on your profile."),
    "revisited": N_("The revisit is recorded and the follow-up closed."),
    "penalty": N_("The penalty decision is recorded and published."),
    "applied": N_("Your application is submitted."),
    "objected": N_("Your objection is submitted; the record shows it as pending."),
    "decided": N_("The decision is recorded."),
    "published": N_("The edition is published."),
    "criteria": N_("The criteria are saved as a new version."),
}


def done_notice(query: dict[str, str]) -> Any:
    key = query.get("done", "")
    return notice(_(DONE[key]), "ok") if key in DONE else None


def error_text(exc: Exception) -> str:
    """A domain error's translated message, or one line per invalid field of a form."""
    assert isinstance(exc, DomainError | ValidationError)
    return form_errors.message(exc)[0]


def show(app: PortalDash, build: Callable[[], Any], *, status: int = 200,
         signed_out_too: bool = False) -> Any:
    """The page `build` makes, in the site's frame, or the redirect it returns once a form is
    done; a signed-out visitor is sent to sign in first."""
    if auth.current_actor() is None and not signed_out_too:
        return flask.redirect(sign_in_url(flask.request.full_path.rstrip("?")), code=303)
    response = page_response.start()
    with light():
        try:
            content = build()
        except DomainError as exc:  # refused (CSRF, permission, unknown record): say why
            content = refused(_("This cannot be done"), exc)
    if isinstance(content, flask.Response | WerkzeugResponse):  # done: on to the next page
        return content
    return app.render_page(flask.request.path, {}, content=content,
                           title=response.title or _("My account"), with_scripts=False,
                           status=status if response.status == 200 else response.status)


def refused(title: str, exc: DomainError) -> html.Article:
    page_response.set_status(exc.status_code)
    return page(title, notice(exc.translated(_), "bad"))


def gone(error: str) -> str:
    """`error` when the form was refused because its thing is done already (409): its form is no
    longer drawn, so the page shows the reason on top instead."""
    return error if page_response.status() == 409 else ""


def attempt(act: Callable[[], Any], refused_form: Callable[[str], Any]) -> Any:
    """Runs a form's service call. Bad input (invalid, conflicting) comes back as the same form
    with the reason, via `refused_form`; a refusal of the person (not signed in, not allowed,
    no such record) propagates to `show`, which says so on its own. None when it went through."""
    try:
        form_text.check()  # text first, so a refused character stores nothing anywhere
        act()
    except ValidationError as exc:
        page_response.set_status(422)  # the form again, answered as refused
        return refused_form(error_text(exc))
    except DomainError as exc:
        if exc.status_code in (401, 403, 404):
            raise
        page_response.set_status(exc.status_code)
        return refused_form(error_text(exc))
    return None
