"""Cheap re-reads of the open data: every JSON answer to a GET below /api/ carries an ETag (a hash of
its body), and a client that sends it back in If-None-Match gets 304 with no body when nothing
changed. A newsroom's chart or a consumer app polling a list pays for the answer only when it
changes. Answers are never cached unchecked (no-cache: revalidate each time, so a published
correction is seen at once); one asked with a token is private to that caller."""

import hashlib

from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

# Larger answers go out as they are, unbuffered (none of the paged lists comes near it).
MAX_BUFFERED = 4 * 1024 * 1024
_DROPPED_ON_304 = ("content-length", "content-type", "content-encoding")


def etag_of(body: bytes) -> str:
    """Weak: the same JSON may travel gzipped or not, byte-different but the same answer."""
    return f'W/"{hashlib.sha256(body).hexdigest()[:32]}"'


def matches(if_none_match: str | None, etag: str) -> bool:
    """RFC 9110's weak comparison against an If-None-Match list ("*" matches any)."""
    if not if_none_match:
        return False
    wanted = etag.removeprefix("W/")
    return any(tag == "*" or tag.removeprefix("W/") == wanted
               for tag in (part.strip() for part in if_none_match.split(",")))


class Revalidated:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "GET" or not scope["path"].startswith("/api/"):
            await self.app(scope, receive, send)
            return
        request = Headers(scope=scope)
        private = "authorization" in request
        start: Message | None = None
        chunks: list[bytes] = []
        size = 0

        async def answer(message: Message) -> None:
            nonlocal start, size
            if message["type"] == "http.response.start":
                if _revalidatable(message):
                    start = message
                    return
                await send(message)
                return
            if start is None or message["type"] != "http.response.body":
                await send(message)
                return
            chunks.append(message.get("body", b""))
            size += len(chunks[-1])
            if size > MAX_BUFFERED:  # too big to hold: out as it came, unmarked
                held, start = start, None
                await send(held)
                await send({**message, "body": b"".join(chunks)})
                return
            if message.get("more_body", False):
                return
            body = b"".join(chunks)
            headers = MutableHeaders(scope=start)
            etag = etag_of(body)
            headers["ETag"] = etag
            headers["Cache-Control"] = "private, no-cache" if private else "public, no-cache"
            headers.add_vary_header("Accept-Language")
            headers.add_vary_header("Authorization")
            if matches(request.get("if-none-match"), etag):
                for name in _DROPPED_ON_304:
                    del headers[name]
                await send({**start, "status": 304})
                await send({"type": "http.response.body", "body": b""})
                return
            await send(start)
            await send({"type": "http.response.body", "body": body})

        await self.app(scope, receive, answer)


def _revalidatable(start: Message) -> bool:
    headers = Headers(raw=start["headers"])
    return (start["status"] == 200 and "json" in headers.get("content-type", "")
            and "etag" not in headers and "cache-control" not in headers)
