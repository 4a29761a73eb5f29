"""The reader's language: a `lang` cookie (shared with the API), then Accept-Language."""

from urllib.parse import quote

import flask

from backend import i18n
from backend.i18n import LANGUAGE_COOKIE

COOKIE_MAX_AGE_S = 365 * 24 * 3600
# <html lang> wants BCP 47 tags, not catalog names.
HTML_LANG = {"zh_Hans": "zh-Hans", "zh_Hant": "zh-Hant", "en": "en"}


def request_language(request: flask.Request) -> str:
    """The portal switches language by its cookie, not by ?lang= (pages keep clean URLs)."""
    return i18n.choose(cookie=request.cookies.get(LANGUAGE_COOKIE),
                       accept_language=request.headers.get("Accept-Language"))


def set_for_request() -> None:
    """Before every request: layouts, callbacks and error messages all read this."""
    i18n.set_language(request_language(flask.request))


def switch_url(language: str, next_path: str) -> str:
    return f"/lang/{language}?next={quote(next_path, safe='/')}"


def switch(language: str, next_path: str) -> flask.Response:
    """Remember the choice in the cookie and go back to the page the reader was on; a language we
    do not have leaves the reader's earlier choice as it was."""
    chosen = i18n.normalize(language)
    response = flask.redirect(next_path, code=303)
    if chosen is None:
        return response
    response.set_cookie(LANGUAGE_COOKIE, chosen, max_age=COOKIE_MAX_AGE_S, samesite="Lax",
                        httponly=True)
    return response
