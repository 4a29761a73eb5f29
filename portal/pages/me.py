"""The signed-in workspace (/me): each role's own page, served as plain HTML by the workspace routes."""

from __future__ import annotations

from typing import Any

import dash

from backend.database import get_db
from backend.i18n import _, listed
from backend.officers import service as officers
from backend.users.schemas import Actor, Role
from portal.auth import current_actor
from portal.components.account import display_name, role_label
from portal.components.header import sign_in_url
from portal.components.sections import facts, notice, page
from portal.components.tags import dcc, html
from portal.workspace import admin, enterprise, officer, views

dash.register_page(__name__, path="/me", title=lambda **_path: _("My account"))


def layout(**_query: str) -> html.Article:
    """Only reached by Dash's in-page navigation: the workspace's forms are plain HTML that the
    server renders (GET /me), so send the reader there with a full page load."""
    return page(_("My account"), html.P(html.A(_("Open my workspace"), href="/me")))


def server_page(query: dict[str, str]) -> html.Article:
    actor = current_actor()
    if actor is None:
        return page(_("My account"), notice(_("Please sign in first."), "info"),
                    html.P(html.A(_("Sign in"), href=sign_in_url("/me"))))
    return workspace(actor, query)


def workspace(actor: Actor, query: dict[str, str], **state: Any) -> html.Article:
    """`state` carries a refused form back to its place, as typed (see the workspace routes):
    `draft`, an evaluation; `refused`, any other form (a views.Refusal); `gone`, the reason a form
    was refused whose thing is done already (answered, decided: 409), shown on top since that
    form is no longer drawn."""
    body: list[Any] = [views.done_notice(query), _account(actor)]
    if state.get("gone"):
        body.insert(0, notice(state["gone"], "bad"))
    refused = state.get("refused") or views.Refusal()
    if actor.role == Role.ENTERPRISE and actor.business_code:
        body += enterprise.sections(actor, state.get("draft"), refused)
    elif actor.role == Role.OFFICER:
        body += officer.sections(actor, refused)
    elif actor.role == Role.ADMIN:
        body += admin.sections(actor)
    if actor.role != Role.ADMIN:
        body.append(html.P(html.A(_("Reviews to answer"), href="/me/reviews")))
    body.append(html.P(html.A(_("Change password"), href="/me/password")))
    body.append(html.P(html.A(_("Sign out"), href="/logout")))
    return page(display_name(actor), *body, lead=role_label(actor.role))


def _account(actor: Actor) -> html.Dl:
    officer_link = (dcc.Link(actor.officer_id, href=f"/officers/{actor.officer_id}")
                    if actor.officer_id else None)
    return facts([(_("User name"), actor.username), (_("Officer record"), officer_link),
                  (_("Unit"), officers.unit_name(get_db(), actor.unit_id) if actor.unit_id else None),
                  (_("Districts"), listed(actor.unit_districts))])
