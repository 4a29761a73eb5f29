"""The site header: name, navigation, who is signed in, and the language switch."""

from __future__ import annotations

from backend import i18n
from backend.i18n import _
from portal.auth import current_actor, sign_in_url
from portal.components.account import display_name, role_label
from portal.components.tags import dcc, html
from portal.language import switch_url

LANGUAGE_LINK_IDS = {code: f"header-lang-{code}" for code in i18n.LANGUAGES}
SIGN_IN_LINK = "header-sign-in"


def site_header(next_path: str = "/") -> html.Header:
    """`next_path` is where the language switch and sign-in come back to."""
    return html.Header([
        # the first thing a keyboard reaches: past the menu to the page (shown only when focused)
        html.A(_("Skip to the content"), href="#main", className="skip-link"),
        dcc.Link([html.Strong("明亮", lang="zh-Hans"), " Mingliang"], href="/", className="brand"),
        html.Nav([dcc.Link(_("Search"), href="/"), dcc.Link(_("Ratings"), href="/ratings"),
                  dcc.Link(_("Bright kitchen"), href="/kitchen"), *_openness_links(),
                  *_account_links(next_path)],
                 className="nav", **{"aria-label": _("Main")}),
        _language_switch(next_path),
    ], className="site-header")


def _openness_links() -> list:
    return [dcc.Link(_("Inspections"), href="/inspections"),
            dcc.Link(_("Penalties"), href="/penalties"), dcc.Link(_("Lists"), href="/lists")]


def _account_links(next_path: str) -> list:
    actor = current_actor()
    if actor is None:
        return [html.A(_("Sign in"), href=sign_in_url(next_path), id=SIGN_IN_LINK)]
    who = f"{display_name(actor)} ({role_label(actor.role)})"
    # Full page loads: /me is served by the workspace routes as plain HTML; /tasks and /logout
    # are server routes too.
    kitchen = {"enterprise": ("/me/kitchen", _("My cameras")), "officer": ("/alerts", _("Alerts")),
               "admin": ("/alerts", _("Alerts"))}.get(actor.role)
    links = [dcc.Link(kitchen[1], href=kitchen[0])] if kitchen else []
    tasks = [html.A(_("Tasks"), href="/tasks")] if actor.role != "consumer" else []
    if actor.role in ("enterprise", "officer"):   # the reviews each answers (/me/reviews)
        tasks.append(html.A(_("Reviews"), href="/me/reviews"))
    return [*links, html.A(who, href="/me", className="who", title=who), *tasks,
            html.A(_("Sign out"), href="/logout")]


def _language_switch(next_path: str) -> html.Nav:
    current = i18n.current_language()
    links = []
    for code, name in i18n.LANGUAGES.items():
        extra = {"aria-current": "true"} if code == current else {}
        links.append(html.A(name, href=switch_url(code, next_path), id=LANGUAGE_LINK_IDS[code],
                            lang=code.replace("_", "-"), **extra))
    return html.Nav(links, className="langs", **{"aria-label": _("Language")})
