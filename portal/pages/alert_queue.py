"""The officer's alert queue (/alerts): snapshot with boxes, class, confidence, camera, time; decide."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

import dash

from backend.alerts import service as alerts
from backend.alerts.schemas import STATUS_LABELS, AlertDismiss, AlertPublic, AlertStatus
from backend.database import get_db
from backend.errors import DomainError
from backend.i18n import N_, _
from backend.users.schemas import Role
from portal import page_response
from portal.auth import current_actor
from portal.components.forms import hidden, limit
from portal.components.header import sign_in_url
from portal.components.kitchen import Draft, alert_row, draft_of, flashed, post_form, stray
from portal.components.sections import empty, notice, page
from portal.components.tags import dcc, html

dash.register_page(__name__, path="/alerts", title=lambda **_path: _("Kitchen alerts"))

QUEUE = "alert-queue"
# What the queue announces after a decision went through (?done=…): fixed texts, never the query's.
# In the address rather than the session, so the notice stays once the page's scripts redraw it.
DONE = {
    "confirmed": N_("Alert confirmed; a rectification task was created."),
    "dismissed": N_("Alert dismissed."),
}


def dismiss_action(alert_id: str) -> str:
    return f"/alerts/{alert_id}/dismiss"


def confirm_action(alert_id: str) -> str:
    return f"/alerts/{alert_id}/confirm"


def tab_of(status: str) -> AlertStatus:
    return AlertStatus(status) if status in AlertStatus.__members__.values() else AlertStatus.PENDING


def after(done: str, tab: str = "pending") -> str:
    """Where a decision goes on: the tab it was taken on, saying it is done."""
    chosen = tab_of(tab)
    query = {"done": done} if chosen == AlertStatus.PENDING else {"status": chosen.value, "done": done}
    return f"/alerts?{urlencode(query)}"


def layout(status: str = "pending", done: str = "", **_query: str) -> html.Article:
    return queue_page(status, done=done)


def queue_page(status: str, draft: Draft | None = None, done: str = "") -> html.Article:
    """The tab `status` of the queue; `draft`, a refused decision drawn again as typed (or its
    reason on top, for a form the tab does not draw); `done`, the decision just taken."""
    actor = current_actor()
    if actor is None:
        return page(_("Kitchen alerts"), notice(_("Only enforcement officers may do this."), "info"),
                    html.P(html.A(_("Sign in"), href=sign_in_url(
                        "/alerts" + (f"?{urlencode({'status': status})}" if status != "pending" else "")))))
    if actor.role not in (Role.OFFICER, Role.ADMIN):  # signed in, as someone else: a business's
        page_response.set_status(403)                 # own alerts are on its kitchen page
        return page(_("Kitchen alerts"), notice(_("Only enforcement officers may do this."), "bad"),
                    html.P(dcc.Link(_("My account"), href="/me")))
    chosen = tab_of(status)
    try:
        found = alerts.list_for(get_db(), actor=actor, status=chosen, page_size=50)
    except DomainError as exc:
        return page(_("Kitchen alerts"), notice(exc.translated(_), "warn"))
    tabs = html.Nav([dcc.Link(_(label), href=f"/alerts?status={value.value}",
                              className="current" if value == chosen else None)
                     for value, label in STATUS_LABELS.items()], className="pager")
    rows = [_row(alert, draft) for alert in found.data]
    drawn = {dismiss_action(alert.id) for alert in found.data}
    announced = [notice(_(DONE[done]), "ok")] if done in DONE else []
    return page(_("Kitchen alerts"), *announced, *flashed(), *stray(draft, drawn), tabs,
                html.Ul(rows, id=QUEUE, className="rows") if rows else empty(_("No alert.")),
                lead=_("Alerts from kitchen cameras in your unit's districts, newest first."))


def _row(alert: AlertPublic, draft: Draft | None) -> html.Li:
    action = dismiss_action(alert.id)
    mine = draft_of(draft, action)

    def dismissing(label: str) -> html.Form:
        # the tab it was on: a refused dismissal comes back there
        return post_form(action, label, notice(mine.error, "bad") if mine else None,
                         hidden("tab", alert.status.value),
                         html.Label(_("Reason"), htmlFor=f"dismiss-reason-{alert.id}"),
                         dcc.Input(id=f"dismiss-reason-{alert.id}", name="reason", required=True,
                                   value=mine.values.get("reason", "") if mine else "",
                                   minLength=2, maxLength=limit(AlertDismiss, "reason")))

    actions: list[Any] = []
    if alert.task_id:  # a confirmed alert's rectification, followed in the task inbox
        actions.append(html.P(dcc.Link(_("Its rectification task"), href=f"/tasks/{alert.task_id}",
                                       id=f"alert-task-{alert.id}")))
    if alert.status == AlertStatus.PENDING:
        actions += [post_form(confirm_action(alert.id), _("Confirm (creates a rectification task)")),
                    dismissing(_("Dismiss"))]
    elif alert.status == AlertStatus.CONFIRMED and alert.auto_confirmed:
        actions.append(dismissing(_("Dismiss as a false alarm (withdraws its task)")))
    return alert_row(alert, actions=actions)
