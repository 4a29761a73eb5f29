"""Administrators edit the list criteria (a new public version) and publish an edition (/admin/lists).
Plain forms posted to the server (portal/admin_routes.py), so they work without scripts."""

from __future__ import annotations

import dash

from backend.database import get_db
from backend.i18n import _
from backend.lists import service as lists
from backend.lists.schemas import RULE_LIST, Criterion, Rule
from backend.users.schemas import Role
from portal import csrf
from portal.auth import current_actor
from portal.components.lists import criterion_text
from portal.components.sections import notice, page, problem_page, section
from portal.components.tags import dcc, html

dash.register_page(__name__, path="/admin/lists", title=lambda **_path: _("List administration"))

BLANK_ROWS = 1


def layout(**_query: str) -> html.Article:
    return admin_page()


def _row(index: int, criterion: Criterion | None) -> html.Tr:
    rules = [html.Option(rule.value, value=rule.value,
                         selected=criterion is not None and criterion.rule == rule) for rule in Rule]
    prefix = f"c{index}"
    return html.Tr([
        html.Td(dcc.Input(name=f"{prefix}_id", value=criterion.id if criterion else "",
                          maxLength=20)),
        html.Td(html.Select([html.Option("—", value="")] + rules, name=f"{prefix}_rule")),
        html.Td(dcc.Input(name=f"{prefix}_days", type="number",
                          value=criterion.within_days if criterion else 365)),
        html.Td(dcc.Input(name=f"{prefix}_threshold", type="number",
                          value=criterion.threshold if criterion else 0)),
        html.Td(criterion_text(criterion) + f" ({_(RULE_LIST[criterion.rule])})"
                if criterion else _("New criterion")),
    ])


def admin_page(message: str = "", tone: str = "ok") -> html.Article:
    actor = current_actor()
    if actor is None or actor.role != Role.ADMIN:
        return problem_page(_("Administrators only"), _("Only an administrator may do this."), 403)
    current = lists.current_criteria(get_db())
    rows = [_row(n, c) for n, c in enumerate(current.criteria)]
    rows += [_row(len(rows) + n, None) for n in range(BLANK_ROWS)]
    head = html.Tr([html.Th(_("Id")), html.Th(_("Rule")), html.Th(_("Within days")),
                    html.Th(_("Threshold")), html.Th(_("In words"))])
    criteria_form = html.Form([
        html.Table([html.Thead(head), html.Tbody(rows)], className="counts-table"),
        html.P(_("Leave the rule empty to remove a criterion.")),
        html.Label(_("Why they change (published with them)"), htmlFor="criteria-note"),
        dcc.Input(id="criteria-note", name="note", required=True, maxLength=1000),
        dcc.Input(type="hidden", name="rows", value=str(len(rows))), csrf.field(),
        html.Button(_("Save as a new version"), type="submit"),
    ], method="post", action="/admin/lists/criteria", className="form")
    publish_form = html.Form([
        html.Label(_("Cut-off date (empty: today)"), htmlFor="publish-cut-off"),
        dcc.Input(id="publish-cut-off", name="cut_off", placeholder="YYYY-MM-DD", maxLength=10),
        html.Label(_("Corrects edition (optional)"), htmlFor="publish-corrects"),
        dcc.Input(id="publish-corrects", name="corrects", type="number"),
        html.Label(_("What changed and why (required for a correction)"), htmlFor="publish-note"),
        dcc.Input(id="publish-note", name="note", maxLength=2000), csrf.field(),
        html.Button(_("Publish an edition"), type="submit"),
    ], method="post", action="/admin/lists/publish", className="form")
    return page(_("List administration"),
                notice(message, tone) if message else None,
                section(_("Criteria (version {version})").format(version=current.version),
                        criteria_form, name="criteria"),
                section(_("Publish"), publish_form, name="publish"),
                html.P(dcc.Link(_("Public lists"), href="/lists")))
