"""The sign-in page (/login): a plain form posted to the server, so it works without scripts."""

from __future__ import annotations

import dash

from backend.i18n import _
from portal import csrf
from portal.auth import safe_next
from portal.components.sections import notice, page
from portal.components.tags import dcc, html

dash.register_page(__name__, path="/login", title=lambda **_path: _("Sign in"))

LOGIN_FORM = "login-form"
LOGIN_USERNAME = "login-username"
LOGIN_PASSWORD = "login-password"
LOGIN_ERROR = "login-error"


def layout(next: str = "/me", unsent: str = "",  # noqa: A002 - the query's name
           **_query: str) -> html.Article:
    return login_form(safe_next(next, "/me"), unsent=unsent == "1")


def login_form(next_path: str, username: str = "", error: str = "", wrong: bool = False,
               unsent: bool = False) -> html.Article:
    """`error` comes only from the server's own sign-in attempt, never from the address; `wrong`:
    it refused the user name and password, so both fields are marked invalid and described by it
    (built as light elements then: Dash's own inputs take no aria attributes). `unsent`: a form
    was sent after the session had ended (auth.sign_in_first), so it must be sent again."""
    message = [notice(_("Your form was not sent: you were signed out. Sign in, then send it again."),
                      "warn")] if unsent else []
    message += [html.Div(notice(error, "bad"), id=LOGIN_ERROR)] if error else []
    marks = {"aria-invalid": "true", "aria-describedby": LOGIN_ERROR} if wrong and error else {}
    return page(_("Sign in"), *message, html.Form([
        html.Label(_("User name"), htmlFor=LOGIN_USERNAME),
        dcc.Input(id=LOGIN_USERNAME, name="username", value=username, required=True,
                  autoComplete="username", maxLength=40, **marks),
        html.Label(_("Password"), htmlFor=LOGIN_PASSWORD),
        dcc.Input(id=LOGIN_PASSWORD, name="password", type="password", required=True,
                  autoComplete="current-password", maxLength=128, **marks),
        dcc.Input(name="next", type="hidden", value=next_path),
        dcc.Input(name="unsent", type="hidden", value="1") if unsent else None,
        csrf.field(),
        html.Button(_("Sign in"), type="submit"),
    ], id=LOGIN_FORM, method="post", action="/login", className="form card"),
        lead=_("For enterprises, officers and administrators."))
