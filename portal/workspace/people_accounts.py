"""The accounts section of /admin/people: every account with its role, binding and status, a filter,
the form that creates one, and per account disable/enable and a new password."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from backend.i18n import N_, _
from backend.paging import PageMeta
from backend.users.schemas import Role, UserPublic
from portal import once
from portal.components import sections
from portal.components.account import ROLE_LABELS, role_label
from portal.components.forms import folded, post_form, select, submit, text_input
from portal.components.sections import empty
from portal.components.tags import html
from portal.workspace import people_parts as parts
from portal.workspace.password import password_fields
from portal.workspace.people_parts import PATH
from portal.workspace.views import Refusal

ACCOUNT_FIELDS = {"username": N_("User name"), "display_name": N_("Display name"), "role": N_("Role"),
                  "officer_id": N_("Officer record"), "business_code": N_("Credit code"),
                  "password": N_("Password")}
NEW_PASSWORD = {"password": N_("New password"), "password_again": N_("The new password again")}
FIRST_PASSWORD = {"password": N_("Password"), "password_again": N_("The password again")}


def section(users: list[UserPublic], meta: PageMeta, refused: Refusal,
                      state: Mapping[str, str]) -> html.Section:
    rows = [parts.row(user.username, [user.display_name, role_label(user.role), _bound(user),
                                 _("disabled") if user.disabled else _("enabled")],
                 _switch_form(user, state), _password_form(user, refused, state)) for user in users]
    filtered = "account_name" in state or "account_role" in state
    return sections.section(_("Accounts"),
                   folded(_("Create an account"), _account_form(refused, state),
                          open_=refused.form == "account"),
                   _filter(state),
                   html.Ul(rows, className="rows") if rows else empty(
                       _("No account matches.") if filtered else _("No account yet.")),
                   parts.pager(meta, "accounts", state), name="accounts")


def _filter(state: Mapping[str, str]) -> html.Form:
    """Finding an account among many: by a part of its user name, by role (a GET form: the
    address can be kept and shared)."""
    roles = [("", _("Every role"))] + [(role.value, _(label)) for role, label in ROLE_LABELS.items()]
    kept = {key: value for key, value in state.items() if key == "officers_page"}
    return html.Form([*parts.kept(kept),
                      *text_input("account_name", _("User name holds"), value=state.get("account_name", ""),
                                  max_length=40, control_id="accounts-name"),
                      *select("account_role", _(ACCOUNT_FIELDS["role"]), roles,
                              value=state.get("account_role", ""), control_id="accounts-role"),
                      html.Button(_("Show"), type="submit")],
                     method="get", action=PATH, id="accounts-filter", className="form filters")


def _bound(user: UserPublic) -> str:
    if user.business_code:
        return _("for business {code}").format(code=user.business_code)
    if user.officer_id:
        return _("for officer {officer}").format(officer=user.officer_id)
    return ""


def _switch_form(user: UserPublic, state: Mapping[str, str]) -> html.Form:
    step, label = ("enable", _("Enable")) if user.disabled else ("disable", _("Disable"))
    # disabling signs the account out everywhere: styled apart from the page's main actions
    return post_form(f"{PATH}/accounts/{user.username}/{step}", *parts.kept(state),
                     html.Button(label, type="submit", className="danger" if step == "disable" else None),
                     form_id=f"account-{step}-{user.username}", className="form inline")


def _password_form(user: UserPublic, refused: Refusal, state: Mapping[str, str]) -> Any:
    form = f"password:{user.username}"
    return folded(_("Set a new password"), post_form(
        f"{PATH}/accounts/{user.username}/password", parts.error(refused, form), *parts.kept(state),
        *password_fields(NEW_PASSWORD, refused.errors_of(form), prefix=f"{user.username}-"),
        submit(_("Set the password")), form_id=f"password-form-{user.username}"),
        open_=refused.form == form)


def _account_form(refused: Refusal, state: Mapping[str, str]) -> html.Form:
    errors, typed = refused.errors_of("account"), lambda name: refused.typed_in("account", name)
    # no consumer accounts: nothing in the portal serves them yet
    roles = [(role.value, _(label)) for role, label in ROLE_LABELS.items() if role != Role.CONSUMER]
    return post_form(f"{PATH}/accounts", parts.error(refused, "account"), once.field(), *parts.kept(state),
                     *text_input("username", _(ACCOUNT_FIELDS["username"]), value=typed("username"),
                                 required=True, max_length=40, errors=errors, control_id="account-username",
                                 hint=_("Letters, digits, . _ and -; 3 to 40 characters.")),
                     *text_input("display_name", _(ACCOUNT_FIELDS["display_name"]),
                                 value=typed("display_name"), max_length=80, errors=errors,
                                 control_id="account-display-name"),
                     *select("role", _(ACCOUNT_FIELDS["role"]), roles,
                             value=typed("role") or Role.OFFICER.value, errors=errors,
                             control_id="account-role"),
                     *text_input("officer_id", _(ACCOUNT_FIELDS["officer_id"]), value=typed("officer_id"),
                                 max_length=20, errors=errors, control_id="account-officer",
                                 hint=_("An officer account: the officer's id, as listed above.")),
                     *text_input("business_code", _(ACCOUNT_FIELDS["business_code"]),
                                 value=typed("business_code"), max_length=18, errors=errors,
                                 control_id="account-business",
                                 hint=_("An enterprise account: its business's credit code.")),
                     *password_fields(FIRST_PASSWORD, errors, prefix="account-"),
                     submit(_("Create the account")), form_id="account-form")
