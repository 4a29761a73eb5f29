"""Routes of the "Rules" page: each POST checks CSRF and that the user is an administrator, saves
the group's rules (once, however often the form is sent) unless others were saved since the form
was drawn, then redirects (303) with what was done, or draws the page again with the rules as they
are now, what the administrator changed in the group's form kept and each refused rule marked."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import flask

from backend.database import get_db
from backend.rule_settings import service as rule_settings
from backend.rule_settings.schemas import GROUPS
from backend.users import permissions
from portal import auth, csrf, once
from portal.prerender import PortalDash
from portal.workspace import refusals, views
from portal.workspace.settings_page import LABELS, PATH, changed_by_hand, changes, seen_version, settings_page


def install(app: PortalDash) -> None:
    server = app.server

    @server.get(PATH)
    def rules_page() -> Any:
        return views.show(app, lambda: settings_page(auth.current_actor(), flask.request.args.to_dict()))

    @server.post(f"{PATH}/<group>")
    def save_rules(group: str) -> Any:
        if group not in GROUPS:
            flask.abort(404)

        def build() -> Any:
            csrf.verify(text=False)
            actor = permissions.require_admin(auth.current_actor())  # before anything the form asks
            posted = flask.request.form

            def refused_form(error: str, failed: Mapping[str, str]) -> Any:
                return settings_page(actor, {}, views.Refusal(group, error, changed_by_hand(group, posted),
                                                              failed))

            def record() -> str:
                rule_settings.update(get_db(), actor=actor, changes=changes(group, posted),
                                     seen_version=seen_version(posted))
                return f"{PATH}?done={group}"

            went: list[str] = []
            typed = [f"{name}={value}" for name, value in sorted(posted.items(multi=True))
                     if name not in (once.FIELD, csrf.FIELD)]
            key = once.key(f"rules:{group}", typed)
            refused = refusals.attempt(lambda: went.append(once.run(key, record)), refused_form, LABELS, {})
            return refused or flask.redirect(went[0], code=303)
        return views.show(app, build)
