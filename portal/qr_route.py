"""The QR page (/b/<code>) served straight from ASGI: a scan skips the WSGI bridge, Flask and Dash.

It builds the same document with the same headers as the portal's Flask path (tested side by
side), through the same `PortalDash.build_page`; what it cannot answer the same way goes on to the
bridge: a browser with a sign-in session (flask-login reads it), any method but GET, a code that
is not plain letters and digits, a query that is not UTF-8, and anything before Dash has set
itself up (`PortalDash.set_up_now`, called when the site is built)."""

import re
from urllib.parse import parse_qsl

import werkzeug.urls  # noqa: F401 - registers the "werkzeug.url_quote" codec error handler Flask uses
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import Headers
from starlette.responses import Response
from starlette.types import ASGIApp, Receive, Scope, Send
from werkzeug.datastructures import MultiDict
from werkzeug.http import parse_cookie

from backend import i18n
from backend.i18n import LANGUAGE_COOKIE
from portal import csrf, page_delivery, security
from portal.prerender import TRUSTED_INLINE_SCRIPTS, VARY, PortalDash, accepts_gzip

PATH = "/b/{code}"
_PLAIN_PATH = re.compile(r"/b/[0-9A-Za-z]{1,64}")


class QrPageRoute:
    """An ASGI app for the route `PATH`, registered before the portal's mount."""

    def __init__(self, portal: PortalDash, bridge: ASGIApp) -> None:
        self.portal, self.bridge = portal, bridge
        config = portal.server.config
        self.session_cookies = {config["SESSION_COOKIE_NAME"],
                                config.get("REMEMBER_COOKIE_NAME", "remember_token")}
        self.policy = security.policy(TRUSTED_INLINE_SCRIPTS)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        headers = Headers(scope=scope)
        cookies = parse_cookie(";".join(headers.getlist("cookie")))
        try:
            query = scope["query_string"].decode()
        except UnicodeDecodeError:  # Flask answers that with its own error page
            query = None
        if (query is None or scope["method"] != "GET" or not self.portal.set_up
                or not _PLAIN_PATH.fullmatch(scope["path"])
                or any(name in cookies for name in self.session_cookies)):
            await self.bridge(scope, receive, send)
            return
        response = await run_in_threadpool(self._respond, scope["path"], query, headers,
                                           cookies.get(csrf.COOKIE),
                                           cookies.get(LANGUAGE_COOKIE))
        await response(scope, receive, send)

    def _respond(self, path: str, query: str, headers: Headers, csrf_cookie: str | None,
                 language_cookie: str | None) -> Response:
        """What `language.set_for_request`, `PortalDash.render_page` and the after-request
        hooks (CSRF cookie, CSP) do on the Flask path, for an anonymous reader."""
        i18n.set_language(i18n.choose(cookie=language_cookie,
                                      accept_language=headers.get("accept-language")))
        # Request.args: blank values kept, the first of a repeated name wins (as to_dict()).
        args = MultiDict(parse_qsl(query, keep_blank_values=True,
                                   errors="werkzeug.url_quote")).to_dict()
        page = self.portal.build_page(path, args, next_path=path + (f"?{query}" if query else ""),
                                      actor=None)
        gzipped = accepts_gzip(headers.get("accept-encoding"))
        token, new_cookie = "", None
        if page_delivery.has_placeholder(page.html):
            value, new = csrf.browser_value(csrf_cookie)
            token, new_cookie = csrf.token_for(value), value if new else None
        response_headers = {"Vary": VARY}
        if gzipped:
            response_headers["Content-Encoding"] = "gzip"
        response_headers["Content-Security-Policy"] = self.policy
        response = Response(page_delivery.body(page.html, token=token, gzipped=gzipped),
                            status_code=page.status, headers=response_headers,
                            media_type="text/html")
        if new_cookie:
            response.raw_headers.append(
                (b"set-cookie", csrf.set_cookie_header(new_cookie).encode("latin-1")))
        return response

