"""The site footer: what the site is and where its open data lives."""

from dash import html

from backend.i18n import _


def site_footer() -> html.Footer:
    return html.Footer([
        html.P(_("Mingliang (明亮) is an open transparency portal for market supervision.")),
        html.P(html.A(_("Open data API"), href="/api/docs")),
    ], className="site-footer")
