"""The signed-in landing page (/me): who you are, your role, and what your account is bound to."""

from __future__ import annotations

import dash

from backend.i18n import _
from portal.auth import current_actor
from portal.components.account import display_name, role_label
from portal.components.header import sign_in_url
from portal.components.sections import facts, notice, page
from portal.components.tags import dcc, html

dash.register_page(__name__, path="/me", title=lambda **_path: _("My account"))


def layout(**_query: str) -> html.Article:
    actor = current_actor()
    if actor is None:
        return page(_("My account"), notice(_("Please sign in first."), "info"),
                    html.P(html.A(_("Sign in"), href=sign_in_url("/me"))))
    business = (dcc.Link(actor.business_code, href=f"/b/{actor.business_code}")
                if actor.business_code else None)
    officer = (dcc.Link(actor.officer_id, href=f"/officers/{actor.officer_id}")
               if actor.officer_id else None)
    return page(display_name(actor), facts([
        (_("User name"), actor.username), (_("Role"), role_label(actor.role)),
        (_("Business"), business), (_("Officer record"), officer), (_("Unit"), actor.unit_id),
        (_("Districts"), "、".join(actor.unit_districts)),
    ]), html.P(dcc.Link(_("Reviews to answer"), href="/me/reviews")) if actor.role != "admin" else None,
        html.P(html.A(_("Sign out"), href="/logout")), lead=_("You are signed in."))
