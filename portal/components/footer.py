"""The site footer: what the site is and where its open data lives."""

from __future__ import annotations

from backend.i18n import _
from portal.components.tags import html


def site_footer() -> html.Footer:
    return html.Footer([
        html.P(_("Mingliang (明亮) is an open transparency portal for market supervision.")),
        html.P([html.A(_("Open data API"), href="/api/docs"), " · ",
                html.A(_("Task performance"), href="/performance"), " · ",
                html.A(_("Random inspections"), href="/random-draws"), " · ",
                html.A(_("Follow a complaint"), href="/track"), " · ",
                html.A(_("LIVES export"), href="/api/v1/export/lives.zip"), " · ",
                html.A(_("How it works"), href="/how-it-works")]),
    ], className="site-footer")
