"""Security headers on every response: no sniffing, no framing, no referrer leaks, HSTS on HTTPS.

A pure ASGI middleware (no per-request task like Starlette's BaseHTTPMiddleware). Responses that
set their own Content-Security-Policy (the portal's pages) keep it; JSON and images get one that
allows nothing to run."""

from starlette.types import ASGIApp, Message, Receive, Scope, Send

_LOCKED_DOWN = b"default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
# The OpenAPI UI loads its scripts from the public CDN FastAPI names; only framing is refused there.
_DOCS_PATHS = ("/api/docs", "/docs/oauth2-redirect")


class SecurityHeaders:
    def __init__(self, app: ASGIApp, *, hsts: bool) -> None:
        self.app = app
        self.common = [(b"x-content-type-options", b"nosniff"),
                       (b"referrer-policy", b"strict-origin-when-cross-origin"),
                       (b"x-frame-options", b"DENY"),
                       (b"cross-origin-opener-policy", b"same-origin")]
        if hsts:
            self.common.append((b"strict-transport-security", b"max-age=31536000; includeSubDomains"))

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        docs = scope["path"].startswith(_DOCS_PATHS)

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {name.lower() for name, _ in headers}
                headers += [(name, value) for name, value in self.common if name not in present]
                if b"content-security-policy" not in present:
                    policy = b"frame-ancestors 'none'" if docs else _LOCKED_DOWN
                    headers.append((b"content-security-policy", policy))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, with_headers)
