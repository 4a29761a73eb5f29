"""The page for an address no page answers (Dash's router looks for a module by this name)."""

import dash
from dash import html

from backend.i18n import _
from portal.components.sections import problem_page

dash.register_page(__name__, path="/404", title=lambda **_path: _("Page not found"))


def layout(**_query: str) -> html.Article:
    return problem_page(_("Page not found"), _("There is no page at this address."), 404)
