"""Administrators edit the list criteria (a new public version) and publish an edition (/admin/lists).
Plain forms posted to the server (portal/admin_routes.py), so they work without scripts."""

from __future__ import annotations

from typing import Any

import dash

from backend.database import get_db
from backend.i18n import _
from backend.lists import service as lists
from backend.lists.schemas import LIST_LABELS, RULE_LIST, RULE_NAMES, Criterion, Rule
from backend.users.schemas import Role
from portal import csrf
from portal.admin_routes import CRITERIA_FIELDS
from portal.auth import current_actor
from portal.components.lists import criterion_text
from portal.components.sections import notice, page, problem_page, section
from portal.components.tags import dcc, html

dash.register_page(__name__, path="/admin/lists", title=lambda **_path: _("List administration"))

BLANK_ROWS = 1


def layout(**_query: str) -> html.Article:
    return admin_page()


def _row(index: int, criterion: Criterion | None, typed: Any = None) -> html.Tr:
    """One criterion's inputs: its stored values, or what was typed in them when the form was
    refused (`typed`, the posted form)."""
    prefix = f"c{index}"
    if typed is not None:
        values = {key: typed.get(f"{prefix}_{key}", "") for key in ("id", "rule", "days", "threshold")}
    else:
        values = {"id": criterion.id if criterion else "", "rule": criterion.rule if criterion else "",
                  "days": criterion.within_days if criterion else 365,
                  "threshold": f"{criterion.threshold:g}" if criterion else 0}  # 50000, not 50000.0
    rules = [html.Option(f"{_(RULE_NAMES[rule])} · {_(LIST_LABELS[RULE_LIST[rule]])}", value=rule.value,
                         selected=values["rule"] == rule.value) for rule in Rule]
    def labelled(column: str, field: str, control: Any) -> html.Td:
        """The column's heading again, for a screen reader that reads the cell alone."""
        text = _("Criterion {n}: {column}").format(n=index + 1, column=column)
        return html.Td([html.Label(text, htmlFor=f"{prefix}-{field}", className="visually-hidden"), control])

    return html.Tr([
        labelled(_("Id"), "id", dcc.Input(id=f"{prefix}-id", name=f"{prefix}_id", value=values["id"],
                                          maxLength=20)),
        labelled(_("Rule"), "rule", html.Select([html.Option("—", value="")] + rules, id=f"{prefix}-rule",
                                                name=f"{prefix}_rule")),
        labelled(_("Within days"), "days", dcc.Input(id=f"{prefix}-days", name=f"{prefix}_days",
                                                     type="number", value=values["days"])),
        labelled(_("Threshold"), "threshold", dcc.Input(id=f"{prefix}-threshold", name=f"{prefix}_threshold",
                                                        type="number", value=values["threshold"])),
        html.Td(criterion_text(criterion) + f" ({_(LIST_LABELS[criterion.list])})"
                if criterion and typed is None else _("New criterion") if criterion is None else ""),
    ])


def admin_page(message: str = "", tone: str = "ok", typed: Any = None) -> html.Article:
    """The two forms; after a refusal, `typed` (the posted form) fills the one that was sent."""
    actor = current_actor()
    if actor is None or actor.role != Role.ADMIN:
        return problem_page(_("Administrators only"), _("Only an administrator may do this."), 403)
    current = lists.current_criteria(get_db())
    criteria_typed = typed if typed is not None and "rows" in typed else None
    publish_typed = typed if typed is not None and "rows" not in typed else {}
    rows = [_row(n, c, criteria_typed) for n, c in enumerate(current.criteria)]
    rows += [_row(len(rows) + n, None, criteria_typed) for n in range(BLANK_ROWS)]
    head = html.Tr([html.Th(_("Id")), html.Th(_("Rule")), html.Th(_("Within days")),
                    html.Th(_("Threshold")), html.Th(_("In words"))])
    criteria_form = html.Form([
        html.Table([html.Thead(head), html.Tbody(rows)], className="counts-table criteria"),
        html.P(_("Leave the rule empty to remove a criterion.")),
        html.Label(_(CRITERIA_FIELDS["note"]), htmlFor="criteria-note"),
        dcc.Input(id="criteria-note", name="note", required=True, maxLength=1000,
                  value=criteria_typed.get("note", "") if criteria_typed is not None else ""),
        dcc.Input(type="hidden", name="rows", value=str(len(rows))), csrf.field(),
        html.Button(_("Save as a new version"), type="submit"),
    ], method="post", action="/admin/lists/criteria", className="form")
    publish_form = html.Form([
        html.Label(_("Cut-off date (empty: today)"), htmlFor="publish-cut-off"),
        dcc.Input(id="publish-cut-off", name="cut_off", type="date", placeholder="YYYY-MM-DD",
                  value=publish_typed.get("cut_off", "")),
        html.Label(_("Corrects edition (optional)"), htmlFor="publish-corrects"),
        dcc.Input(id="publish-corrects", name="corrects", type="number", min=1,
                  value=publish_typed.get("corrects", "")),
        html.Label(_("What changed and why (required for a correction)"), htmlFor="publish-note"),
        dcc.Input(id="publish-note", name="note", maxLength=2000,
                  value=publish_typed.get("note", "")), csrf.field(),
        html.Button(_("Publish an edition"), type="submit"),
    ], method="post", action="/admin/lists/publish", className="form")
    return page(_("List administration"),
                notice(message, tone) if message else None,
                section(_("Criteria (version {version})").format(version=current.version),
                        criteria_form, name="criteria"),
                section(_("Publish"), publish_form, name="publish"),
                _latest(), html.P(dcc.Link(_("Public lists"), href="/lists")))


def _latest() -> html.Section | None:
    """The newest editions, so a correction can name the one it corrects."""
    shown = lists.editions(get_db(), page_size=5).data
    if not shown:
        return None
    return section(_("Editions"), html.Ul([html.Li([
        dcc.Link(_("Edition {n}").format(n=row.number), href=f"/lists/{row.number}"), " · ",
        _("Cut-off {date}").format(date=row.cut_off.isoformat())]) for row in shown], className="rows"),
        name="editions")
