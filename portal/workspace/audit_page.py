"""The administrator's audit trail page (/admin/audit, 痕迹管理): every write, newest first, by whom,
when and what, narrowed by a plain GET form; what each entry wrote folded as JSON."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date
from typing import Any
from urllib.parse import quote, urlencode

from backend.audit import service as audit
from backend.audit.schemas import AuditEntriesPublic, AuditEntryPublic
from backend.businesses import credit_code
from backend.database import get_db
from backend.errors import DomainError
from backend.i18n import N_, _, ngettext
from backend.paging import PageMeta
from backend.tasks.schemas import ACTION_LABELS as TASK_LABELS
from backend.users import permissions
from backend.users.schemas import Actor, Role
from portal import page_response
from portal.components.account import role_label
from portal.components.forms import folded, text_input
from portal.components.sections import empty, notice, page, section
from portal.components.tags import html
from portal.components.times import time_tag

PATH = "/admin/audit"
PAGE_SIZE = 50
FILTERS = {"action": N_("Action"), "target": N_("Target"), "actor": N_("User name"),
           "from": N_("From (day)"), "to": N_("To (day)")}
NOT_A_DAY = N_("A day such as 2026-03-01.")
# The writes an administrator looks for most, in words; any other shows as the trail names it.
ACTION_LABELS = {
    "business.register": N_("Business registered"),
    "business.update": N_("Business details corrected"),
    "licence.record": N_("Licence recorded"),
    "staff.record": N_("Staff member added"),
    "staff.renew": N_("Health certificate renewed"),
    "staff.departure": N_("Staff departure recorded"),
    "licence.withdraw": N_("Licence withdrawn as recorded by mistake"),
    "staff.withdraw": N_("Staff record withdrawn as recorded by mistake"),
    "inspection.record": N_("Inspection recorded"),
    "penalty.record": N_("Penalty decision recorded"),
    "penalty.fulfil": N_("Penalty recorded as fulfilled"),
    "complaint.submit": N_("Complaint submitted"),
    "review.submit": N_("Review submitted"),
    "repair.apply": N_("Credit repair applied for"),
    "repair.decide": N_("Credit repair decided"),
    "objection.file": N_("Objection filed"),
    "objection.decide": N_("Objection decided"),
    "random_draw.create": N_("Random inspection plan created"),
    "random_draw.run": N_("Random inspection drawn"),
    "random_draw.publish": N_("Random inspection published"),
    "lists.criteria": N_("List criteria saved"),
    "lists.publish": N_("List edition published"),
    "settings.rules": N_("Rules changed"),
    "user.create": N_("Account created"),
    "user.update": N_("Account changed"),
    "user.password_set": N_("Password set by an administrator"),
    "user.password_change": N_("Own password changed"),
    "officer.create": N_("Officer record added"),
    "officer.update": N_("Officer record changed"),
    "unit.create": N_("Unit added"),
    "unit.update": N_("Unit changed"),
}
# Task actions the trail names apart from the task's own history (task.create, not task.created).
TASK_ALIASES = {"create": "created", "close": "closed", "reopen": "reopened"}


def action_label(action: str) -> str | None:
    """The action in words where there are any; None for one shown as the trail names it."""
    if action in ACTION_LABELS:
        return _(ACTION_LABELS[action])
    family, _dot, step = action.partition(".")
    step = TASK_ALIASES.get(step, step)
    if family == "task" and step in TASK_LABELS:
        return _("Task: {step}").format(step=_(TASK_LABELS[step]))
    return None


def target_link(entry: AuditEntryPublic) -> str | None:
    """The page of what was written, where it has one."""
    family, target = entry.action.partition(".")[0], entry.target
    if not target:
        return None
    if not credit_code.problem(target):
        return f"/b/{target}"
    if family == "task":
        return f"/tasks/{quote(target, safe='')}"
    named = str(entry.data.get("business_code", ""))
    if family in ("review", "alert") and named and not credit_code.problem(named):
        return f"/b/{named}"   # a review or an alert is shown on its business's page
    if target.startswith("officer:"):
        return f"/officers/{quote(target.removeprefix('officer:'), safe='')}"
    if entry.action == "random_draw.conflict":   # the officer who declared it
        return f"/officers/{quote(target, safe='')}"
    if family == "random_draw":
        return f"/random-draws/{quote(target, safe='')}"
    return None


def filters_of(query: Mapping[str, str]) -> dict[str, str]:
    """The filters as asked (trimmed, bounded), for the form to show and every page link to keep."""
    asked = {name: str(query.get(name, "")).strip()[:120] for name in FILTERS}
    return {name: value for name, value in asked.items() if value}


def _page_of(query: Mapping[str, str]) -> int:
    value = str(query.get("page", "1"))
    return int(value) if value.isdigit() and 0 < int(value) <= 100_000 else 1


def _days(filters: Mapping[str, str]) -> tuple[dict[str, date | None], dict[str, str]]:
    days: dict[str, date | None] = {}
    errors: dict[str, str] = {}
    for name in ("from", "to"):
        try:
            days[name] = date.fromisoformat(filters[name]) if name in filters else None
        except ValueError:
            errors[name] = _(NOT_A_DAY)
    return days, errors


def audit_page(actor: Actor | None, query: Mapping[str, str]) -> html.Article:
    actor = permissions.require_admin(actor)
    page_response.set_title(_("Audit trail"))
    filters = filters_of(query)
    days, errors = _days(filters)
    found: AuditEntriesPublic | None = None
    error = _("Some filters cannot be read: see below.") if errors else ""
    if not errors:
        try:
            found = audit.listed(get_db(), actor=actor, action=filters.get("action", ""),
                                 target=filters.get("target", ""), by=filters.get("actor", ""),
                                 since=days["from"], until=days["to"], page_number=_page_of(query),
                                 page_size=PAGE_SIZE)
        except DomainError as exc:   # the range the wrong way round: said, the form kept as typed
            page_response.set_status(exc.status_code)
            error = exc.translated(_)
    else:
        page_response.set_status(422)
    return page(_("Audit trail"), _filter_form(filters, errors),
                notice(error, "bad") if error else None,
                _entries(found, filters) if found else None,
                lead=[_("Every write, newest first: by whom, when and what. Each entry shown is checked "
                        "against the entry before it in the hash chain; this command checks the whole "
                        "chain:"), " ", html.Code("python -m backend.audit verify")])


def _filter_form(filters: Mapping[str, str], errors: Mapping[str, str]) -> html.Form:
    hints = {"action": _("Exactly, or a whole family: task. is every task action."),
             "target": _("A credit code, a task id, officer:<id>, user:<name>…"),
             "actor": _("anonymous: the public's and the system's writes.")}
    controls = [text_input(name, _(label), value=filters.get(name, ""), control_id=f"audit-{name}",
                           kind="date" if name in ("from", "to") else "text", max_length=120,
                           hint=hints.get(name), errors=errors)
                for name, label in FILTERS.items()]
    return html.Form([*(part for control in controls for part in control),
                      html.Button(_("Show"), type="submit")],
                     method="get", action=PATH, id="audit-filter", className="form")


def _entries(found: AuditEntriesPublic, filters: Mapping[str, str]) -> html.Section:
    meta = found.meta
    title = ngettext("{n} entry", "{n} entries", meta.totalCount).format(n=meta.totalCount)
    return section(title,
                   html.Ul([_row(entry) for entry in found.data], className="rows") if found.data else
                   empty(_("No entry matches.") if filters else _("No entry yet.")),
                   _pager(meta, filters), name="audit")


def _who(entry: AuditEntryPublic) -> str:
    if entry.role in set(Role):
        return f"{entry.actor} ({role_label(entry.role)})"
    if entry.actor == "anonymous":
        return _("no account (the public, or the system)")
    return entry.actor


def _row(entry: AuditEntryPublic) -> html.Li:
    label, link = action_label(entry.action), target_link(entry)
    what = [label, " ", html.Code(entry.action)] if label else [html.Code(entry.action)]
    target = html.A(entry.target, href=link) if link else html.Code(entry.target)
    return html.Li([
        html.Div([time_tag(entry.at), html.Span(_who(entry)), html.Span(what)], className="row-head"),
        html.P([html.Span(_("Target"), className="muted"), " ", target, " · ",
                html.A(_("every entry on it"), href=f"{PATH}?{urlencode({'target': entry.target})}"),
                html.Span(f" · #{entry.seq}", className="muted")]),
        None if entry.intact else notice(_("This entry does not match the hash chain: it was changed "
                                           "after it was written, or the entry before it was."), "bad"),
        _written(entry),
    ], id=f"entry-{entry.seq}")


def _written(entry: AuditEntryPublic) -> Any:
    if not entry.data and entry.before is None:
        return None
    parts: list[Any] = [html.P(html.Strong(_("Written"))), _json(entry.data)]
    if entry.before is not None:
        parts += [html.P(html.Strong(_("Before"))), _json(entry.before)]
    return folded(_("What it wrote"), *parts)


def _json(value: Any) -> html.Pre:
    """Text, escaped as any text is: a value holding markup shows it, never runs it."""
    return html.Pre(json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True), className="command")


def _pager(meta: PageMeta, filters: Mapping[str, str]) -> Any:
    if meta.totalPages <= 1:
        return None
    links = [html.A(text, href=f"{PATH}?{urlencode({**filters, 'page': str(number)})}")
             for number, text in ((meta.pageNumber - 1, _("Previous page")),
                                  (meta.pageNumber + 1, _("Next page")))
             if 1 <= number <= meta.totalPages]
    where = _("Page {n} of {total}").format(n=meta.pageNumber, total=meta.totalPages)
    return html.P([*links, html.Span(where, className="muted")], className="pager")
