"""An officer's public profile (/officers/<id>): who they are, their inspections and evaluations."""

from __future__ import annotations

import dash

from backend.database import get_db
from backend.errors import DomainError
from backend.i18n import _
from backend.officers import service as officers
from backend.officers.schemas import OfficerPublic
from portal import page_response
from portal.components.badges import result_badge
from portal.components.evaluations import officer_evaluations_section
from portal.components.sections import empty, facts, page, problem_page, section
from portal.components.tags import dcc, html

dash.register_page(__name__, path_template="/officers/<officer_id>",
                   title=lambda **_path: _("Officer profile"))


def layout(officer_id: str | None = None, **_query: str) -> html.Article:
    if not officer_id:
        return problem_page(_("Officer not found"), _("No officer was given."), 404)
    try:
        profile = officers.public_profile(get_db(), officer_id=officer_id)
    except DomainError as exc:
        return problem_page(_("Officer not found"), exc.translated(_), exc.status_code)
    page_response.set_title(profile.name)
    return page(profile.name,
                facts([(_("Badge number"), profile.badge_number), (_("Unit"), profile.unit_name),
                       (_("Status"), _status(profile)),
                       (_("Inspections done"), str(profile.inspections_done)),
                       (_("Tasks handled"), str(profile.tasks_handled))]),
                officer_evaluations_section(profile.evaluations, profile.consistency,
                                            profile.recent_evaluations),
                _recent(profile), lead=_("Enforcement officer"))


def _status(profile: OfficerPublic) -> str:
    if profile.in_service or profile.left_on is None:
        return _("In service")
    return _("Left the service on {day}").format(day=profile.left_on.isoformat())


def _recent(profile: OfficerPublic) -> html.Section:
    title = _("Recent inspections")
    if not profile.recent_inspections:
        return section(title, empty(_("No inspection is on record yet.")), name="inspections")
    rows = [html.Li(html.Div([
        html.Time(row.date.isoformat(), dateTime=row.date.isoformat()),
        dcc.Link(row.business_name or row.business_code, href=f"/b/{row.business_code}"),
        result_badge(row.result),
    ], className="row-head")) for row in profile.recent_inspections]
    return section(title, html.Ul(rows, className="rows"), name="inspections")
