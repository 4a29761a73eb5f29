"""The frame around every page (header, main, footer), for Dash and for the server-side render."""

from __future__ import annotations

import json
from typing import Any

import dash
from dash import Input, Output

from backend import i18n
from portal.components.footer import site_footer
from portal.components.header import LANGUAGE_LINK_IDS, SIGN_IN_LINK, site_header
from portal.components.tags import dcc, html

# Dash pages' own ids (dash.dash._ID_*): the server-side render must match what Dash renders.
PAGES_LOCATION = "_pages_location"
PAGES_CONTENT = "_pages_content"


def frame(main: Any, next_path: str = "/") -> html.Div:
    return html.Div([site_header(next_path), html.Main(main, id="main"), site_footer()],
                    className="frame")


def app_layout() -> html.Div:
    """What Dash renders once its scripts run; the router then fills in the page."""
    return frame(dash.page_container)


def prerendered(content: Any, next_path: str) -> html.Div:
    """The same frame with the page already inside Dash's page container."""
    container = html.Div([dcc.Location(id=PAGES_LOCATION, refresh="callback-nav"),
                          html.Div(content, id=PAGES_CONTENT)])
    return frame(container, next_path)


# The workspaces' paths (prerender.WIDE_PATHS), as a JavaScript pattern.
WIDE_PATTERN = "/^\\/(me|tasks|alerts|admin)/"

# After client-side navigation the header was rendered for another page: point the language
# switch and sign-in back at the page now shown.
_NEXT_LINKS = """
function(pathname, search) {
    document.body.classList.toggle("wide", WIDE.test(pathname || "/"));
    var next = encodeURIComponent((pathname || "/") + (search || ""));
    return LANGUAGES.map(function(code) { return "/lang/" + code + "?next=" + next; });
}
""".replace("LANGUAGES", json.dumps(list(i18n.LANGUAGES))).replace("WIDE", WIDE_PATTERN)
_SIGN_IN_LINK = """
function(pathname, search) {
    return "/login?next=" + encodeURIComponent((pathname || "/") + (search || ""));
}
"""


def register_callbacks(app: dash.Dash) -> None:
    location = [Input(PAGES_LOCATION, "pathname"), Input(PAGES_LOCATION, "search")]
    app.clientside_callback(
        _NEXT_LINKS, [Output(link, "href") for link in LANGUAGE_LINK_IDS.values()], location)
    app.clientside_callback(_SIGN_IN_LINK, Output(SIGN_IN_LINK, "href"), location)
