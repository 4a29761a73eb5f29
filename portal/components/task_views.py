"""The task inbox and one task's page, with a plain form for each step the reader may take."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import urlencode

from backend.complaints.schemas import PUBLIC_NOTES, STAGE_DUE_LABELS
from backend.complaints.service import COMPLAINANT
from backend.i18n import N_, _, ngettext
from backend.inspections.answers import ANSWERED_BY
from backend.tasks import business_view
from backend.tasks.schemas import (
    ACTION_LABELS,
    SOURCE_LABELS,
    STATUS_LABELS,
    VERDICT_LABELS,
    TaskPublic,
    TaskSource,
    TasksPublic,
    TaskStatus,
    Verdict,
)
from backend.users.schemas import Actor, Role
from portal import csrf, once
from portal.components.badges import badge
from portal.components.forms import choices
from portal.components.sections import empty, facts, notice, page, section
from portal.components.tags import dcc, html
from portal.components.task_outcome import outcome
from portal.components.times import day, time_tag

INBOX = "task-inbox"


def inbox(actor: Actor, tasks: TasksPublic, *, source: str, status: str) -> html.Article:
    lead = (_("Tasks that ask your business to rectify something, nearest deadline first.")
            if actor.role == Role.ENTERPRISE else
            _("Every source in one list: overdue first, then the nearest deadline."))
    rows = [_row(task) for task in tasks.data]
    body = html.Ul(rows, className="rows card", id=INBOX) if rows else empty(_("No task here."))
    return page(_("Tasks"), _filters(source, status), html.P(
        ngettext("{count} task", "{count} tasks", tasks.meta.totalCount).format(count=tasks.meta.totalCount),
        className="muted"), body,
        _pager(tasks, source, status), lead=lead)


def _select(name: str, label: str, labels: dict[Any, str], chosen: str) -> list[Any]:
    options = [html.Option(_("All"), value="")] + [
        html.Option(_(text), value=key.value, selected=key.value == chosen)
        for key, text in labels.items()]
    return [html.Label(label, htmlFor=f"tasks-{name}"),
            html.Select(options, id=f"tasks-{name}", name=name)]


def _filters(source: str, status: str) -> html.Form:
    return html.Form([*_select("source", _("Source"), SOURCE_LABELS, source),
                      *_select("status", _("Status"), STATUS_LABELS, status),
                      html.Button(_("Filter"), type="submit")],
                     method="get", action="/tasks", className="form card filters")


def _pager(tasks: TasksPublic, source: str, status: str) -> html.Nav:
    meta, links = tasks.meta, []

    def url(number: int) -> str:
        return "/tasks?" + urlencode({"source": source, "status": status, "page": number})

    if meta.pageNumber > 1:
        links.append(html.A(_("← Previous"), href=url(meta.pageNumber - 1)))
    if meta.pageNumber < meta.totalPages:
        links.append(html.A(_("Next →"), href=url(meta.pageNumber + 1)))
    return html.Nav(links, className="pager", **{"aria-label": _("Pages")})


def status_badge(task: TaskPublic) -> html.Span:
    if task.overdue:
        return badge(_("Overdue"), "bad")
    tone = "ok" if task.status == TaskStatus.CLOSED else "info"
    return badge(_(STATUS_LABELS[task.status]), tone)


def _row(task: TaskPublic) -> html.Li:
    return html.Li([
        html.Div([html.A(task.title, href=f"/tasks/{task.id}"), status_badge(task)],
                 className="row-head"),
        html.P([_(SOURCE_LABELS[task.source]), " · ", task.business_name or task.business_code or "", " · ",
                due_line(task)],
               className="muted"),
    ], className=f"task task-{task.status}")


def due_line(task: TaskPublic) -> str:
    """The date that matters now: while the business is rectifying, the day it must be done by
    (what the business has to meet, and what the officer checks), after the stage the officers
    must meet first where the task has stages; else the task's own deadline."""
    stage = _stage_due(task)
    if task.status == TaskStatus.RECTIFYING and task.rectification_deadline:
        rectify = _("Rectify by {date}").format(date=day(task.rectification_deadline))
        return f"{stage} · {rectify}" if stage else rectify
    return stage or _("due {date}").format(date=day(task.deadline))


def _stage_due(task: TaskPublic) -> str | None:
    """The earliest stage still unmet and its deadline, as "Accept by 2026-12-17" (a complaint's)."""
    label = STAGE_DUE_LABELS.get(task.deadline_stage or "")
    return _(label).format(date=day(task.deadline)) if label else None


def detail(actor: Actor, task: TaskPublic, *, phone: str | None, colleagues: list[dict[str, Any]],
           error: str = "", typed: tuple[str, Mapping[str, str]] | None = None,
           evidence: Any = None) -> html.Article:
    """`typed`: the step refused (its action) and its form as sent, shown again to mend;
    `evidence`: what the task was opened from, shown above its history (a kitchen alert's)."""
    message = [notice(error, "bad")] if error else []
    rectify_by = day(task.rectification_deadline) if task.rectification_deadline else None
    return page(task.title, *message, html.P(status_badge(task), id="task-status"), *outcome(task), facts([
        (_("Source"), _(SOURCE_LABELS[task.source])), (_("Status"), _(STATUS_LABELS[task.status])),
        (_("Business"), html.A(f"{task.business_name} {task.business_code}".strip(),
                               href=f"/b/{task.business_code}") if task.business_code else None),
        (_("Deadline"), _stage_due(task) or day(task.deadline)),
        (_("Rectify by"), rectify_by), (_("Assigned to"), _assignee(task.assignee, colleagues)),
        (_("Complainant's phone"), phone), (_("Result"), task.result),
    ]), *([html.P(task.detail, className="card written")] if task.detail else []),
        *([evidence] if evidence is not None else []),
        section(_("History"), html.Ol([_event(task, event) for event in task.history],
                                      className="rows"), name="history"),
        *_forms(actor, task, colleagues, typed),
        html.P(html.A(_("← All tasks"), href="/tasks")),
        lead=_(SOURCE_LABELS[task.source]))


def _assignee(officer_id: str | None, colleagues: list[dict[str, Any]]) -> Any:
    """The officer by name, linked to their public profile."""
    if not officer_id:
        return None
    return html.A(_officer(officer_id, colleagues), href=f"/officers/{officer_id}")


def _officer(officer_id: str, colleagues: list[dict[str, Any]]) -> str:
    """By name (from the unit's list, which the page has anyway) and id; the id alone where the
    name is not at hand."""
    name = next((row["name"] for row in colleagues if row["_id"] == officer_id), None)
    return f"{name} ({officer_id})" if name else officer_id


def _event(task: TaskPublic, event: Any) -> html.Li:
    files = [html.A(_("File {n}").format(n=n), href=f"/tasks/{task.id}/files/{file_id}")
             for n, file_id in enumerate(event.files, 1)]
    return html.Li([
        html.Div([time_tag(event.at),
                  " ", _(ACTION_LABELS.get(event.action, event.action)), " · ",
                  _("the complainant") if event.by == COMPLAINANT else event.by],
                 className="row-head"),
        *([html.P(_("Rectify by {date}").format(date=event.deadline.isoformat()))] if event.deadline else []),
        *([html.P(event.note, className="muted written")] if event.note else []),
        *([html.P(files)] if files else []),
    ])


def _form(task: TaskPublic, action: str, title: str, *fields: Any, button: str,
          multipart: bool = False) -> html.Section:
    extra = {"encType": "multipart/form-data"} if multipart else {}
    return section(title, html.Form([*fields, csrf.field(), once.field(), html.Button(button, type="submit")],
                                    method="post", action=f"/tasks/{task.id}/{action}",
                                    className="form", id=f"task-{action}", **extra),
                   name=f"task-{action}")


# Each step's text fields by the labels its form shows, so that a refusal names them so
# ("What must be fixed: must not be empty", not "Note: …").
LABELS = {"rectification": {"note": N_("What must be fixed"), "deadline": N_("Rectify by")},
          "result": {"result": N_("Result of the verification")},
          "close": {"result": N_("Closing result"), "rectification": N_("The business's rectification"),
                    "rectification_note": N_("What the business is told")},
          "send_back": {"reason": N_("What is still to be fixed"), "deadline": N_("New deadline (optional)")},
          "evidence": {"note": N_("Note")}}


def _text(action: str, name: str, *, key: str, required: bool = True, value: str = "") -> list[Any]:
    """`key` keeps ids unique: several forms on the page send a field called `note`."""
    return [html.Label(_(LABELS[action][name]), htmlFor=f"field-{key}"),
            html.Textarea(value, id=f"field-{key}", name=name, required=required, maxLength=2000, rows=3)]


def _forms(actor: Actor, task: TaskPublic, colleagues: list[dict[str, Any]],
           typed: tuple[str, Mapping[str, str]] | None = None) -> list[Any]:
    if task.status == TaskStatus.CLOSED:
        return []

    def kept(action: str, name: str) -> str:
        return typed[1].get(name, "") if typed and typed[0] == action else ""

    evidence = _form(task, "evidence", _("Upload evidence"),
                     *_text("evidence", "note", key="evidence-note", required=False,
                            value=kept("evidence", "note")),
                     html.Label(_("Files (JPEG, PNG, WebP or PDF)"), htmlFor="field-files"),
                     dcc.Input(id="field-files", name="files", type="file", multiple=True,
                               accept="image/jpeg,image/png,image/webp,application/pdf"),
                     button=_("Upload"), multipart=True)
    if actor.role == Role.ENTERPRISE:
        return [evidence] if task.status == TaskStatus.RECTIFYING else []
    forms = []
    if actor.role == Role.OFFICER and TaskSource(task.source) in ANSWERED_BY:  # the business, its source
        inspect = urlencode({"code": task.business_code or "", "task": task.id})
        forms.append(html.P(html.A(_("Record the inspection"), href=f"/me/inspect?{inspect}",
                                   className="button"), id="task-inspect"))
    if task.status == TaskStatus.OPEN:
        forms.append(_form(task, "accept", _("Accept"), *_taking_over(actor, task, colleagues),
                           button=_("Accept this task")))
    if colleagues:
        options = [html.Option(f"{row['name']} ({row['_id']})", value=row["_id"],
                               selected=row["_id"] == task.assignee) for row in colleagues]
        forms.append(_form(task, "assign", _("Assign within the unit"),
                           html.Label(_("Officer"), htmlFor="field-officer"),
                           html.Select(options, id="field-officer", name="officer_id"),
                           button=_("Assign")))
    forms.append(_form(task, "rectification", _("Order the business to rectify"),
                       html.Label(_(LABELS["rectification"]["deadline"]), htmlFor="field-deadline"),
                       dcc.Input(id="field-deadline", name="deadline", type="date", required=True,
                                 value=kept("rectification", "deadline")),
                       *_text("rectification", "note", key="rectify-note",
                              value=kept("rectification", "note")), button=_("Send order")))
    if task.status != TaskStatus.OPEN:
        forms.append(_form(task, "result", _("Record the result"),
                           *_text("result", "result", key="result",
                                  value=kept("result", "result")), _who_reads(task, "result"),
                           button=_("Record")))
    if task.awaiting_decision:
        forms.append(_form(task, "send_back", _("Send the rectification back"),
                           *_text("send_back", "reason", key="send-back-reason",
                                  value=kept("send_back", "reason")),
                           html.Label(_(LABELS["send_back"]["deadline"]), htmlFor="field-send-back-deadline"),
                           dcc.Input(id="field-send-back-deadline", name="deadline", type="date",
                                     value=kept("send_back", "deadline")),
                           button=_("Send back to the business")))
    forms.append(evidence)
    forms.append(_revisit_instead(task) if task.source == TaskSource.EVALUATION_FOLLOW_UP else
                 _form(task, "close", _("Close"), *_text("close", "result", key="close-result",
                                                         value=kept("close", "result")),
                       _who_reads(task, "closed"),
                       *(_verdict_fields(kept("close", "rectification"), kept("close", "rectification_note"))
                         if task.rectification_deadline else []),
                       button=_("Close this task")))
    return forms


def _taking_over(actor: Actor, task: TaskPublic, colleagues: list[dict[str, Any]]) -> list[Any]:
    """An officer who accepts a task routed to a colleague handles it from then on (workflow._accept)."""
    if not actor.officer_id or not task.assignee or task.assignee == actor.officer_id:
        return []
    return [html.P(_("It was routed to {officer}: accepting makes you its assignee instead.").format(
        officer=_officer(task.assignee, colleagues)), className="muted")]


def _who_reads(task: TaskPublic, step: str) -> html.Small:
    """Who reads the text the officer writes at `step` (its history action): a complaint's result
    is published on its tracking page (complaints' PUBLIC_NOTES), and the business reads the
    result of a task of its own kind (business_view.reads_the_result)."""
    if task.source == TaskSource.COMPLAINT and step in PUBLIC_NOTES:
        return html.Small(_("Published word for word on the complaint's public tracking page, for the "
                            "complainant (anyone with the tracking code can read it); not shown to the "
                            "business."), className="muted")
    if business_view.reads_the_result({"source": task.source,
                                       "rectification_deadline": task.rectification_deadline}):
        return html.Small(_("Visible to the business: it reads this result on its task."),
                          className="muted")
    return html.Small(_("Not shown to the business."), className="muted")


def _verdict_fields(chosen: str, note: str) -> list[Any]:
    """Closing a task that ordered a rectification says what became of it, for the business."""
    options = [(verdict.value, _(VERDICT_LABELS[verdict])) for verdict in
               (Verdict.ACCEPTED, Verdict.NOT_ACCEPTED, Verdict.WITHDRAWN)]
    return [choices("rectification", _(LABELS["close"]["rectification"]), options, chosen={chosen},
                    kind="radio", group_id="close-verdict"),
            *_text("close", "rectification_note", key="close-verdict-note", required=False, value=note)]


def _revisit_instead(task: TaskPublic) -> html.Section:
    """A bad evaluation's follow-up closes with its revisit, recorded from the workspace."""
    return section(_("Close"), html.P([
        _("This follow-up closes when another officer of the unit records the revisit, under "
          "“Bad evaluations to revisit” on the workspace."), " ",
        html.A(_("Go to the workspace"), href="/me")]), name="task-close")
