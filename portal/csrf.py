"""CSRF tokens for the portal's plain forms: a signed double-submit cookie, no server session.

The browser gets a random `csrf` cookie (HttpOnly, SameSite=Lax) the first time a page with a form
is rendered; each form carries HMAC(secret, cookie). A post from another site has the cookie
but cannot read it, so it cannot produce the matching field."""

import hashlib
import hmac
import secrets
from typing import Any

import flask
from werkzeug.http import dump_cookie

from backend.config import get_settings
from backend.errors import Forbidden
from portal import form_text
from portal.components.tags import dcc

COOKIE = "csrf"
FIELD = "csrf_token"
# Stands for the token inside HTML kept in a render cache (shared by every browser); the page's
# response puts this browser's token in its place (`portal.page_delivery`, or `fill`).
PLACEHOLDER = "csrf-token-placeholder-0000000000000000000000000000000000000000000000000000"


def token_for(value: str) -> str:
    """The form token that goes with the cookie `value`."""
    key = get_settings().secret_key.encode()
    return hmac.new(key, b"csrf:" + value.encode(), hashlib.sha256).hexdigest()


def browser_value(cookie: str | None) -> tuple[str, bool]:
    """The browser's cookie value, or a new one (True: the response must set it)."""
    if cookie and len(cookie) == 32:
        return cookie, False
    return secrets.token_hex(16), True


def set_cookie_header(value: str) -> str:
    """The Set-Cookie value for a new browser value, for responses made outside Flask."""
    return dump_cookie(COOKIE, value, **_cookie_options())


def _cookie_options() -> dict[str, Any]:
    return {"max_age": 30 * 86400, "httponly": True, "samesite": "Lax",
            "secure": get_settings().environment != "development"}


def _cookie_value() -> str:
    """The browser's value, or a new one that `install` sets on this response."""
    value = flask.g.get("csrf_new")
    if not value:
        value, new = browser_value(flask.request.cookies.get(COOKIE))
        if new:
            flask.g.csrf_new = value
    return value


def token() -> str:
    return token_for(_cookie_value()) if flask.has_request_context() else ""


def field(*, cached: bool = False) -> object:
    """The hidden input every state-changing form includes; `cached=True` inside HTML that a
    render cache keeps (a page's response fills it in, or pass the HTML through `fill`)."""
    return dcc.Input(type="hidden", name=FIELD, value=PLACEHOLDER if cached else token())


def fill(html: str) -> str:
    return html.replace(PLACEHOLDER, token()) if PLACEHOLDER in html else html


def verify(*, text: bool = True) -> None:
    """Raises Forbidden unless the posted form's token matches this browser's cookie, then
    Invalid if its text holds refused characters (every form handler calls this first).
    `text=False` where the handler checks the text itself a step later, to show the refusal
    on its own form (the workspace's views.attempt)."""
    cookie = flask.request.cookies.get(COOKIE, "")
    sent = flask.request.form.get(FIELD, "")
    if not cookie or not sent or not hmac.compare_digest(token_for(cookie), sent):
        raise Forbidden("This form has expired or did not come from this site. "
                        "Please reload the page and try again.")
    if text:
        form_text.check()


def _set_cookie(response: flask.Response) -> flask.Response:
    value = flask.g.get("csrf_new")
    if value:
        response.set_cookie(COOKIE, value, **_cookie_options())
    return response


def install(server: flask.Flask) -> None:
    server.after_request(_set_cookie)
