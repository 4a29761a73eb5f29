"""Keeps the rules of a web process in step with the database (see `live`): before a request, at
most every few seconds, one read of the stored version, off the event loop."""

from starlette.concurrency import run_in_threadpool
from starlette.types import ASGIApp, Receive, Scope, Send

from backend import database
from backend.rule_settings import live


class RulesInForce:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and live.due():
            await run_in_threadpool(live.refresh, database.get_db())
        await self.app(scope, receive, send)
