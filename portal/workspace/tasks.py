"""The task list shown in each workspace: open work first, overdue at the top."""

from __future__ import annotations

from backend.i18n import _
from backend.tasks.schemas import SOURCE_LABELS, STATUS_LABELS, TasksPublic
from portal.components.badges import badge
from portal.components.sections import empty, facts, section
from portal.components.tags import html
from portal.components.task_outcome import verdict_line
from portal.components.task_views import due_line


def tasks_section(page: TasksPublic) -> html.Section:
    title = _("Tasks")
    if not page.data:
        return section(title, empty(_("No task.")), name="tasks")
    rows = []
    for task in page.data:
        marks = [badge(_(STATUS_LABELS[task.status]), "ok" if task.status == "closed" else "info")]
        if task.overdue:
            marks.append(badge(_("Overdue"), "bad"))
        rows.append(html.Li([
            html.Div([html.A(task.title, href=f"/tasks/{task.id}"), *marks], className="row-head"),
            facts([(_("Source"), _(SOURCE_LABELS[task.source])),
                   (_("Deadline"), due_line(task)),
                   (_("Rectification"), verdict_line(task)),
                   (_("Result"), task.result)])]))
    more = (html.P([_("{shown} of {total} shown.").format(shown=len(page.data), total=page.meta.totalCount),
                    " ", html.A(_("All tasks"), href="/tasks")], className="muted")
            if page.meta.totalCount > len(page.data) else None)
    return section(title, html.Ul(rows, className="rows"), more, name="tasks")
