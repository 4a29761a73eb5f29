"""The administrator's workspace: the pages only an administrator uses."""

from __future__ import annotations

from typing import Any

from backend.database import get_db
from backend.i18n import _
from backend.tasks import service as tasks
from backend.users.schemas import Actor
from portal.components.tags import html
from portal.workspace.tasks import tasks_section


def sections(actor: Actor) -> list[Any]:
    links = [(_("List criteria and editions"), "/admin/lists"), (_("People and units"), "/admin/people"),
             (_("Random inspections"), "/random-draws"),
             (_("Rules: deadlines, publication periods, grade bands"), "/admin/settings"),
             (_("Businesses: register, correct, print stickers"), "/me/businesses"),
             (_("Audit trail: every write, by whom and when"), "/admin/audit")]
    return [html.Ul([html.Li(html.A(text, href=href)) for text, href in links], className="actions"),
            tasks_section(tasks.list_for(get_db(), actor=actor, page_size=10))]
