"""Dash with server-side rendering: each page's HTML is in the first response; Dash takes over."""

import contextvars
import json
import re
import sys
from dataclasses import dataclass
from functools import cached_property
from html import escape
from pathlib import Path
from typing import Any

import dash
import flask
from dash import _pages

from backend import i18n
from backend.users.schemas import Actor
from portal import csrf, page_delivery, page_response, serialize, shell
from portal.auth import current_actor
from portal.components import tags
from portal.language import HTML_LANG
from portal.render_cache import RenderCache

_HERE = Path(__file__).resolve().parent
_CSS = (_HERE / "theme.css").read_text(encoding="utf-8")
_TAKEOVER_JS = (_HERE / "takeover.js").read_text(encoding="utf-8")
TRUSTED_INLINE_SCRIPTS = [_TAKEOVER_JS]  # the only inline scripts a page runs (portal.security)
_SCRIPT_SRC = re.compile(r'<script src="([^"]+)"></script>')
# Scripts no page uses: DataTable's bundle is ~30 KB the phone would download for nothing.
_UNUSED_SCRIPTS = ("/dash_table/",)
SITE_NAME = "明亮 Mingliang"
_SLOT = "\x00page\x00"  # never in escaped text: where the page goes inside its cached frame
_frames: RenderCache[str] = RenderCache(size=4096)
NOT_FOUND_MODULE = "portal.pages.not_found_404"
# The workspaces (queues, forms, tables) take a wide screen's width (theme.css `body.wide`); public
# pages keep a column that reads well. The class is on <body>, outside what Dash renders, so it
# stays when Dash takes over; its client-side routing sets it again (shell.WIDE_PATTERN).
WIDE_PATHS = ("/me", "/tasks", "/alerts", "/admin")
VARY = "Cookie, Accept-Language, Accept-Encoding"


@dataclass(frozen=True)
class Page:
    status: int
    html: str


def accepts_gzip(accept_encoding: str | None) -> bool:
    """Pages are compressed here, once per document (`portal.page_delivery`); the GZip
    middleware passes responses that are already encoded straight through."""
    return "gzip" in (accept_encoding or "")


def _script_json(value: Any) -> str:
    """JSON safe inside a <script> element."""
    return json.dumps(value, ensure_ascii=False).replace("</", "<\\/")


class PortalDash(dash.Dash):
    """Replaces Dash's bare "Loading..." index with the requested page, rendered on the server."""

    def index(self, *_args: Any, **_kwargs: Any) -> flask.Response:
        request = flask.request
        return self.render_page(request.path, request.args.to_dict())

    @property
    def set_up(self) -> bool:
        """Whether Dash has set itself up (the page router's callbacks, the script list): pages
        served outside Flask (`portal.qr_route`) need that done."""
        return all(self._got_first_request.values())

    def set_up_now(self) -> None:
        """What Dash does on its first request through Flask, done at start instead (in a copied
        context: the language hook must not leak into the caller's)."""
        def first_request() -> None:
            with self.server.test_request_context("/"):
                self.server.preprocess_request()

        contextvars.copy_context().run(first_request)

    def render_page(self, path: str, query: dict[str, str], *, content: Any = None,
                    title: str | None = None, with_scripts: bool = True,
                    status: int | None = None) -> flask.Response:
        """The page at `path`, or the given `content` (e.g. a form with its error) in the frame."""
        request = flask.request
        next_path = path + (f"?{request.query_string.decode()}" if request.query_string else "")
        page = self.build_page(path, query, next_path=next_path, actor=current_actor(),
                               content=content, title=title, with_scripts=with_scripts)
        result = flask.Response(status=status or page.status, mimetype="text/html")
        result.headers["Vary"] = VARY
        gzipped = accepts_gzip(request.headers.get("Accept-Encoding"))
        if gzipped:
            result.headers["Content-Encoding"] = "gzip"
        # The token only where a cached form needs it: asking for it gives a browser its cookie.
        token = csrf.token() if page_delivery.has_placeholder(page.html) else ""
        result.set_data(page_delivery.body(page.html, token=token, gzipped=gzipped))
        return result

    def build_page(self, path: str, query: dict[str, str], *, next_path: str,
                   actor: Actor | None, content: Any = None, title: str | None = None,
                   with_scripts: bool = True) -> Page:
        """The document without its response: Flask's `render_page` and the QR route share it.
        Forms kept in render caches still hold `csrf.PLACEHOLDER`."""
        response = page_response.start()
        with tags.light():  # this tree is only serialized: no Dash components needed
            if content is None:
                content, title = self._page_content(path, query)
            before, after = self._frame(next_path, actor)
            body = before + serialize.to_html(content) + after
        html = self._document(title=response.title or title or "", body=body,
                              with_scripts=with_scripts, wide=path.startswith(WIDE_PATHS))
        return Page(response.status, html)

    def _frame(self, next_path: str, actor: Actor | None) -> tuple[str, str]:
        """Header, footer and page container around a slot, kept per language, page and account."""
        who = (actor.username, actor.role, actor.display_name) if actor else None
        key = (i18n.current_language(), next_path, who)
        frame = _frames.get_or_render(
            key, lambda: serialize.to_html(shell.prerendered(serialize.Markup(_SLOT), next_path)))
        before, after = frame.split(_SLOT)
        return before, after

    def _page_content(self, path: str, query: dict[str, str]) -> tuple[Any, str]:
        """The same layout Dash's page router would build for this address."""
        page, variables = _pages._path_to_page(self.strip_relative_path(path))
        if not page:
            page, variables = _pages.PAGE_REGISTRY[NOT_FOUND_MODULE], {}
        variables = variables or {}
        # A page may offer a faster server-side twin of its layout (same output, as HTML).
        layout = getattr(sys.modules.get(page["module"]), "prerender", None) or page["layout"]
        content = layout(**{**variables, **query}) if callable(layout) else layout
        title = page["title"]
        return content, title(**variables) if callable(title) else title

    def _document(self, *, title: str, body: str, with_scripts: bool, wide: bool = False) -> str:
        language = i18n.current_language()
        full_title = f"{title} · {SITE_NAME}" if title else SITE_NAME
        return "".join((
            '<!DOCTYPE html>\n<html lang="', HTML_LANG[language], '">\n<head>\n',
            '<meta charset="UTF-8">\n',
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n',
            "<title>", escape(full_title, quote=False), "</title>\n",
            self._head_tail, '</head>\n<body class="wide">\n' if wide else "</head>\n<body>\n",
            '<div id="react-entry-point">', body, "</div>\n",
            self._scripts if with_scripts else "", "</body>\n</html>\n"))

    @cached_property
    def _head_tail(self) -> str:
        """Built once: nothing here depends on the request."""
        favicon = f"{self.config.requests_pathname_prefix}_favicon.ico?v={dash.__version__}"
        return (f'<link rel="icon" type="image/x-icon" href="{favicon}">\n'
                f"<style>{_CSS}</style>\n")

    @cached_property
    def _scripts(self) -> str:
        """Built once, on the first page served (the page router's inline scripts exist by then).
        The config's `end_id` signs background-callback handles only; this portal has none."""
        sources = [src for src in _SCRIPT_SRC.findall(self._generate_scripts_html())
                   if not any(unused in src for unused in _UNUSED_SCRIPTS)]
        plan = {"src": sources, "inline": [*self._inline_scripts, self.renderer]}
        return (f"{self._generate_config_html()}\n"
                f'<script id="portal-scripts" type="application/json">{_script_json(plan)}'
                f"</script>\n<script>{_TAKEOVER_JS}</script>\n")
