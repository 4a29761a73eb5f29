"""Text in JSON request bodies is NFC-normalised, and refused with a clear 422 when it holds
control, private-use, surrogate or unassigned characters, before any route sees it.

An ASGI middleware, so every write endpoint (today's and later ones) gets the same rule; a
body that is not valid JSON passes through untouched for the API's own error."""

import json
import unicodedata
from http.cookies import SimpleCookie
from typing import Annotated, Any

from pydantic import StringConstraints
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from backend import i18n

_REFUSED = {"Cc", "Co", "Cs", "Cn"}
_ALLOWED_CONTROLS = {"\t", "\n", "\r"}
_WRITES = {"POST", "PUT", "PATCH"}
MESSAGE = i18n.N_("{field}: text may not contain control, private-use or unassigned characters "
                  "(found {character}).")


class BadCharacter(Exception):
    def __init__(self, field: str, character: str) -> None:
        super().__init__(field)
        self.field, self.character = field, character


def clean(value: Any, where: str = "") -> Any:
    """The value with every string NFC-normalised; BadCharacter names the first refused one."""
    if isinstance(value, str):
        for character in value:
            if (unicodedata.category(character) in _REFUSED
                    and character not in _ALLOWED_CONTROLS):
                raise BadCharacter(where or "body", f"U+{ord(character):04X}")
        return unicodedata.normalize("NFC", value)
    if isinstance(value, list):
        return [clean(item, f"{where}.{n}" if where else str(n)) for n, item in enumerate(value)]
    if isinstance(value, dict):
        return {clean(key, where): clean(item, f"{where}.{key}" if where else str(key))
                for key, item in value.items()}
    return value


def _language(scope: Scope) -> str:
    headers = {name.decode("latin-1"): value.decode("latin-1") for name, value in scope["headers"]}
    cookies = SimpleCookie(headers.get("cookie", ""))
    cookie = cookies.get(i18n.LANGUAGE_COOKIE)
    return i18n.choose(requested=None, cookie=cookie.value if cookie else None,
                       accept_language=headers.get("accept-language"))


class CleanJsonText:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        content_type = dict(scope.get("headers", [])).get(b"content-type", b"")
        if (scope["type"] != "http" or scope["method"] not in _WRITES
                or not scope["path"].startswith("/api/")
                or not content_type.startswith(b"application/json")):
            await self.app(scope, receive, send)
            return
        body, more = b"", True
        while more:
            message = await receive()
            body += message.get("body", b"")
            more = message.get("more_body", False)
        try:
            cleaned = json.dumps(clean(json.loads(body)), ensure_ascii=False).encode()
        except BadCharacter as bad:
            await _refuse(scope, send, bad)
            return
        except ValueError:  # not JSON: the API says so itself
            cleaned = body
        headers = [(k, v) for k, v in scope["headers"] if k != b"content-length"]
        headers.append((b"content-length", str(len(cleaned)).encode()))
        sent = False

        async def replay() -> Message:
            nonlocal sent
            if sent:
                return await receive()
            sent = True
            return {"type": "http.request", "body": cleaned, "more_body": False}

        await self.app({**scope, "headers": headers}, replay, send)


async def _refuse(scope: Scope, send: Send, bad: BadCharacter) -> None:
    with i18n.language(_language(scope)):
        text = i18n._(MESSAGE).format(field=bad.field, character=bad.character)
    payload = json.dumps({"detail": text, "error": "Invalid", "errors": [text]},
                         ensure_ascii=False).encode()
    await send({"type": "http.response.start", "status": 422,
                "headers": [(b"content-type", b"application/json"),
                            (b"content-length", str(len(payload)).encode())]})
    await send({"type": "http.response.body", "body": payload})


# Free text a person types (names, notes, reasons, replies): spaces and line breaks around it are
# dropped before its length is checked, so text of spaces alone is as empty as none.
Text = Annotated[str, StringConstraints(strip_whitespace=True)]
