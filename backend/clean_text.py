"""Text in JSON request bodies is NFC-normalised, and refused with a clear 422 when it holds
control, private-use, surrogate or unassigned characters, before any route sees it.

An ASGI middleware, so every write endpoint (today's and later ones) gets the same rule; a
body that is not valid JSON passes through untouched for the API's own error. The text fields
of multipart forms (a complaint with photos, a task's evidence) and text in paths are typed
`FieldText`, which applies the same rule field by field."""

import json
import unicodedata
from http.cookies import SimpleCookie
from typing import Annotated, Any

from pydantic import BeforeValidator, StringConstraints
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from backend import i18n
from backend.errors import Invalid

_REFUSED = {"Cc", "Co", "Cs", "Cn"}
_ALLOWED_CONTROLS = {"\t", "\n", "\r"}
_WRITES = {"POST", "PUT", "PATCH"}
MESSAGE = i18n.N_("{field}: text may not contain control, private-use or unassigned characters "
                  "(found {character}).")
FIELD_MESSAGE = i18n.N_("Text may not contain control, private-use or unassigned characters "
                        "(found {character}).")
TOO_DEEP = i18n.N_("The request body is nested too deeply.")
TOO_BIG = i18n.N_("The request body is too large (at most {limit} bytes).")
MAX_BODY = 1_000_000  # JSON bodies: the largest real one (a camera's zones, list criteria) is a few KB


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
        # application/json, Application/JSON; charset=utf-8, application/merge-patch+json: the API
        # reads every one of them as JSON, so every one is cleaned
        if (scope["type"] != "http" or scope["method"] not in _WRITES
                or not scope["path"].startswith("/api/")
                or b"json" not in content_type.split(b";")[0].lower()):
            await self.app(scope, receive, send)
            return
        chunks, size, more = [], 0, True
        while more:
            message = await receive()
            chunks.append(message.get("body", b""))
            size += len(chunks[-1])
            more = message.get("more_body", False)
            if size > MAX_BODY:  # refused before it is all read, whatever content-length claimed
                await _refuse(scope, send, 413, TOO_BIG, limit=MAX_BODY)
                return
        body = b"".join(chunks)
        try:
            cleaned = json.dumps(clean(json.loads(body)), ensure_ascii=False).encode()
        except BadCharacter as bad:
            await _refuse(scope, send, 422, MESSAGE, field=bad.field, character=bad.character)
            return
        except RecursionError:  # [[[[…]]]] a thousand deep: valid JSON no endpoint takes
            await _refuse(scope, send, 422, TOO_DEEP)
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


async def _refuse(scope: Scope, send: Send, status: int, message: str, **params: object) -> None:
    with i18n.language(_language(scope)):
        text = i18n._(message).format(**params)
    payload = json.dumps({"detail": text, "error": "Invalid" if status == 422 else "TooLarge",
                          "errors": [text]}, ensure_ascii=False).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"),
                            (b"content-length", str(len(payload)).encode())]})
    await send({"type": "http.response.body", "body": payload})


# Free text a person types (names, notes, reasons, replies): spaces and line breaks around it are
# dropped before its length is checked, so text of spaces alone is as empty as none.
Text = Annotated[str, StringConstraints(strip_whitespace=True)]


def _kept_unless_given(value: Any) -> Any:
    if value is None:
        raise Invalid("Leave the field out to keep what it holds; it cannot be null.")
    return value


# A text field of a change (PATCH): left out, it stays as it is; null would store a null where
# every reader expects text, so it is refused ("" empties a field that may be empty).
ChangedText = Annotated[Text | None, BeforeValidator(_kept_unless_given)]


def _form_field(value: Any) -> Any:
    try:
        return clean(value)
    except BadCharacter as bad:
        raise Invalid(FIELD_MESSAGE, character=bad.character) from None


# A text field outside a JSON body (a multipart form's, a path's): the JSON bodies' rule, one field
# at a time (the 422 names it). Before the string's own checks, so a length is a string's length.
FieldText = Annotated[str, BeforeValidator(_form_field)]
