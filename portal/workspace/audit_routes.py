"""Route of the audit trail page: a plain GET, its filters in the address (kept, shared, paged)."""

from __future__ import annotations

from typing import Any

import flask

from portal import auth
from portal.prerender import PortalDash
from portal.workspace import views
from portal.workspace.audit_page import PATH, audit_page


def install(app: PortalDash) -> None:
    @app.server.get(PATH)
    def audit_trail() -> Any:
        return views.show(app, lambda: audit_page(auth.current_actor(), flask.request.args.to_dict()))
