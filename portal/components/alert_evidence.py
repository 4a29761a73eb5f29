"""A kitchen-alert task's evidence on its task page: the alert it came from, snapshot and frames."""

from __future__ import annotations

from urllib.parse import urlencode

from pymongo.database import Database

from backend.alerts import service as alerts
from backend.alerts.schemas import AlertPublic
from backend.errors import DomainError
from backend.i18n import _
from backend.tasks.schemas import TaskPublic, TaskSource
from backend.users.schemas import Actor, Role
from portal.components.kitchen import alert_row
from portal.components.sections import section
from portal.components.tags import dcc, html


def alert_of(db: Database, actor: Actor | None, task: TaskPublic) -> AlertPublic | None:
    """The alert an `ai_alert` task was opened for (its `ref`), if the reader may see it; None
    for any other task, or an alert gone."""
    if task.source != TaskSource.AI_ALERT or not task.ref:
        return None
    try:
        return alerts.get(db, actor=actor, alert_id=task.ref)
    except DomainError:
        return None


def alert_section(actor: Actor, alert: AlertPublic) -> html.Section:
    """The evidence the order rests on, as the queue shows it (snapshot with boxes, the frames
    before it); officers go on to it in their queue, the business to its kitchen page."""
    if actor.role in (Role.OFFICER, Role.ADMIN):
        where = f"/alerts?{urlencode({'status': alert.status.value})}#alert-{alert.id}"
        link = dcc.Link(_("The alert in the alert queue"), href=where)
    else:
        link = dcc.Link(_("The alert on my kitchen page"), href="/me/kitchen")
    return section(_("The kitchen alert"),
                   html.Ul([alert_row(alert, actions=[html.P(link)])], className="rows"), name="task-alert")
