"""One random inspection plan (/random-draws/<plan_id>): scope, weights, seed, hash and result."""

from __future__ import annotations

import dash

from backend.database import get_db
from backend.errors import DomainError
from backend.i18n import _
from backend.random_draw import service
from portal import page_response, random_draw_admin
from portal.auth import current_actor
from portal.components.random_draw import (
    publication_section,
    result_section,
    scope_facts,
    status_badge,
)
from portal.components.sections import page, problem_page
from portal.components.tags import dcc, html

dash.register_page(__name__, path_template="/random-draws/<plan_id>",
                   title=lambda **_path: _("Random inspection plan"))


def layout(plan_id: str | None = None, **_query: str) -> html.Article:
    if not plan_id:
        return problem_page(_("Plan not found"), _("No plan was given."), 404)
    return plan_page(plan_id)


def plan_page(plan_id: str, refused: random_draw_admin.StepRefusal | None = None) -> html.Article:
    """`refused`: an administrator's step the server refused, said beside its form (never from the
    address)."""
    try:
        plan = service.get(get_db(), actor=current_actor(), plan_id=plan_id)
    except DomainError as exc:
        return problem_page(_("Plan not found"), exc.translated(_), exc.status_code)
    page_response.set_title(plan.name)
    admin = random_draw_admin.step_form(plan.id, plan.status, refused) \
        if random_draw_admin.is_admin() else None
    return page(plan.name, html.P(status_badge(plan)), admin, scope_facts(plan),
                publication_section(plan), result_section(plan),
                html.P(dcc.Link(_("All random inspection plans"), href="/random-draws")),
                lead=_("Random inspection plan"))
