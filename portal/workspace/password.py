"""Changing one's own password (/me/password), for every signed-in user: the current password
proves it is them; this browser stays signed in, every other one is signed out."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import flask

from backend.errors import Invalid
from backend.i18n import N_, _
from backend.users import accounts
from backend.users.schemas import NOT_THE_USERNAME, PASSWORD_MAX, PASSWORD_MIN, PasswordChange
from portal import auth, csrf, page_response
from portal.components.forms import invalid, labelled, post_form, submit
from portal.components.sections import notice, page
from portal.components.tags import dcc, html
from portal.prerender import PortalDash
from portal.workspace import refusals, views

PATH = "/me/password"
# The form's labels, which its refusals name the fields by.
FIELDS = {"current_password": N_("Current password"), "new_password": N_("New password"),
          "new_password_again": N_("The new password again")}
DIFFER = N_("The two new passwords differ.")
DIFFER_FIRST = N_("The two passwords differ.")  # a new account's first password
# Our own refusals, by the field each is about.
ABOUT = {accounts.CURRENT_PASSWORD_WRONG: "current_password", DIFFER: "new_password_again",
         NOT_THE_USERNAME: "new_password", accounts.SAME_PASSWORD: "new_password"}


def password_fields(names: Mapping[str, str], errors: Mapping[str, str], *, prefix: str = "") -> list[Any]:
    """Password inputs (`names`: field → label msgid), never filled in again after a refusal. Each
    tells a password manager what it is: the current password to fill in, or a new one to offer
    (not the signed-in administrator's own, in another account's form)."""
    controls: list[Any] = []
    for name, label in names.items():
        control_id, reason = f"{prefix}field-{name}", errors.get(name)
        controls += labelled(_(label), control_id, dcc.Input(
            id=control_id, name=name, type="password", value="", required=True, maxLength=PASSWORD_MAX,
            autoComplete="current-password" if name == "current_password" else "new-password",
            **invalid(control_id, reason)), reason=reason)
    rule = _("At least {least} characters, at most {most}; not the user name.")
    return [*controls, html.Small(rule.format(least=PASSWORD_MIN, most=PASSWORD_MAX), className="muted")]


def form_page(error: str = "", errors: Mapping[str, str] | None = None, done: bool = False) -> Any:
    page_response.set_title(_("Change password"))
    return page(_("Change password"),
                notice(_("Your password is changed. Other browsers and apps signed in as you are "
                         "signed out."), "ok") if done else None,
                notice(error, "bad") if error else None,
                post_form(PATH, *password_fields(FIELDS, errors or {}),
                          submit(_("Change password"), button_id="password-change"),
                          form_id="password-form", className="form card"),
                html.P(html.A(_("My account"), href="/me")))


def same_twice(form: Any, name: str, differ: str = DIFFER) -> str:
    """The new password, typed twice alike; refused before anything else when they differ."""
    if form.get(name, "") != form.get(f"{name}_again", ""):
        raise Invalid(differ)
    return str(form.get(name, ""))


def install(app: PortalDash) -> None:
    server = app.server

    @server.get(PATH)
    def password_form() -> Any:
        return views.show(app, lambda: form_page(done=flask.request.args.get("done") == "1"))

    @server.post(PATH)
    def change_password() -> Any:
        def build() -> Any:
            csrf.verify(text=False)
            form = flask.request.form
            refused = refusals.attempt(lambda: auth.change_password(PasswordChange(
                current_password=form.get("current_password", ""),
                new_password=same_twice(form, "new_password"))), form_page, FIELDS, ABOUT)
            return refused or flask.redirect(f"{PATH}?done=1", code=303)
        return views.show(app, build)
