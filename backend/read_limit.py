"""A ceiling on what one client reads from the open-data API, so that one scraper cannot take a
server's whole capacity from the phones scanning QR stickers.

Each client address has a bucket in this process: READ_BURST requests at once, refilled at
READ_RATE_LIMIT a minute. A read costs 1; a bulk export (a CSV of a whole listing, the LIVES feed)
costs EXPORT_COST, as it is built whole per request. An empty bucket answers 429 with Retry-After
and a readable `detail` in the caller's language. Writes keep their own limits, kept in MongoDB
(`backend.ratelimit`); these are per process (a server of WEB_CONCURRENCY processes lets a client
read that many times as much), which is what a ceiling against one greedy client needs, with no
database write per read. Behind a proxy, uvicorn takes the address from X-Forwarded-For."""

import math
import threading
import time
from dataclasses import dataclass
from urllib.parse import parse_qs

from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Receive, Scope, Send

from backend import i18n, ratelimit
from backend.api import request_language
from backend.config import get_settings

EXPORT_PATHS = ("/api/v1/export/",)
MAX_CLIENTS = 100_000  # buckets kept; past it, the full ones (clients gone quiet) are dropped


@dataclass
class Bucket:
    tokens: float
    at: float


class Buckets:
    """Token buckets by client, refilled lazily when the client comes back."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._buckets: dict[str, Bucket] = {}

    def take(self, client: str, cost: float, *, per_minute: int, burst: int,
             now: float | None = None) -> float:
        """Takes `cost` from the client's bucket: 0 when it could, else the seconds until it can."""
        now = time.monotonic() if now is None else now
        rate = per_minute / 60
        cost = min(cost, burst)  # an export costs at most a full bucket: it stays possible
        with self._lock:
            bucket = self._buckets.get(client)
            if bucket is None:
                if len(self._buckets) >= MAX_CLIENTS:
                    self._forget_full(now, rate, burst)
                bucket = self._buckets[client] = Bucket(float(burst), now)
            bucket.tokens = min(float(burst), bucket.tokens + (now - bucket.at) * rate)
            bucket.at = now
            if bucket.tokens >= cost:
                bucket.tokens -= cost
                return 0.0
            return (cost - bucket.tokens) / rate

    def _forget_full(self, now: float, rate: float, burst: int) -> None:
        full = [client for client, bucket in self._buckets.items()
                if bucket.tokens + (now - bucket.at) * rate >= burst]
        for client in full or list(self._buckets)[: len(self._buckets) // 2]:
            del self._buckets[client]


def cost_of(path: str, query: str) -> int:
    """What the request costs: an export more than a read, however its query is written."""
    formats = {value.strip().lower() for value in parse_qs(query).get("format", [])}
    export = path.startswith(EXPORT_PATHS) or "csv" in formats
    return get_settings().export_cost if export else 1


class ReadLimit:
    """GET and HEAD under /api/: each client's reads against its bucket (see the module)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.buckets = Buckets()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        settings = get_settings()
        if scope["type"] != "http" or settings.read_rate_limit == 0 or \
                scope["method"] not in ("GET", "HEAD") or not scope["path"].startswith("/api/"):
            await self.app(scope, receive, send)
            return
        client = scope["client"][0] if scope.get("client") else "unknown"
        wait = self.buckets.take(client, cost_of(scope["path"], scope["query_string"].decode("latin-1")),
                                 per_minute=settings.read_rate_limit, burst=settings.read_burst)
        if not wait:
            await self.app(scope, receive, send)
            return
        seconds = max(1, math.ceil(wait))
        refusal = ratelimit.refusal(ratelimit.TRY_AGAIN, seconds)
        with i18n.language(request_language(Request(scope))):
            detail = refusal.translated(i18n.gettext)
        answer = JSONResponse({"detail": detail, "error": "TooManyRequests"}, status_code=429,
                              headers={"Retry-After": str(seconds), "Cache-Control": "no-store"})
        await answer(scope, receive, send)
