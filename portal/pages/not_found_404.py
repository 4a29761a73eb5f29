"""The page for an address no page answers (Dash's router looks for a module by this name)."""

from __future__ import annotations

import dash

from backend.i18n import _
from portal.components.sections import problem_page
from portal.components.tags import html

dash.register_page(__name__, path="/404", title=lambda **_path: _("Page not found"))


def layout(**_query: str) -> html.Article:
    return problem_page(_("Page not found"), _("There is no page at this address."), 404)
