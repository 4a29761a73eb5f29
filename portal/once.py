"""One-time form tokens: each rendered form that must be recorded once carries a random token;
`key` makes a sending's claim from it, and `run` records the sending once for that claim (see
`backend.submissions`): a double tap, a reload or back-and-send-again gets the first result."""

import hashlib
import re
import secrets
from collections.abc import Callable, Iterable

import flask

from backend import submissions
from backend.database import get_db
from backend.submissions import StillRecording
from portal import csrf
from portal.components.tags import dcc

__all__ = ["FIELD", "StillRecording", "field", "fill", "key", "new_token", "run", "sent"]

FIELD = "once"
# Stands for a new token inside HTML kept in a render cache (`fill` puts one in per response).
PLACEHOLDER = "once-token-placeholder-000000"
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{20,64}$")


def new_token() -> str:
    return secrets.token_urlsafe(18)


def sent() -> str | None:
    """The token the posted form carried, if it looks like one of ours."""
    if not flask.has_request_context():
        return None
    value = flask.request.form.get(FIELD, "")
    return value if _TOKEN.match(value) else None


def field(*, cached: bool = False) -> object:
    """The hidden input of a form that must be recorded once. A form shown again after a refusal
    keeps the token it was sent with, so sending it again is still the same sending."""
    value = PLACEHOLDER if cached else (sent() or new_token())
    return dcc.Input(type="hidden", name=FIELD, value=value)


def fill(html: str) -> str:
    """Cached HTML with a fresh token in place of each placeholder."""
    while PLACEHOLDER in html:
        html = html.replace(PLACEHOLDER, new_token(), 1)
    return html


def key(scope: str, content: Iterable[str | bytes], *, token: str | None = None) -> str | None:
    """The claim's id for this sending: the form's token (the one posted, unless given), this
    browser and what was sent, so that a different text sent from a reused page is a new sending;
    a hash, so that neither the token nor the cookie is stored. None without a token: nothing to
    claim, the sending is recorded as before."""
    token = token if token is not None else sent()
    if not token:
        return None
    digest = hashlib.sha256()
    for part in (token, flask.request.cookies.get(csrf.COOKIE, ""), *content):
        data = part if isinstance(part, bytes) else part.encode()
        digest.update(len(data).to_bytes(8, "big") + data)
    return f"{scope}|{digest.hexdigest()}"


def run(claim_key: str | None, record: Callable[[], str]) -> str:
    """`record()` once for `claim_key`; a repeat gets the first result (backend.submissions.once)."""
    return submissions.once(get_db(), claim_key, record)
