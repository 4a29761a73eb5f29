"""Pieces of the random-draw pages: a plan's status line, its published facts and its result."""

from __future__ import annotations

from backend.businesses.schemas import TRADE_LABELS
from backend.i18n import _, listed
from backend.random_draw.schemas import STATUS_LABELS, DrawnTarget, PlanPublic, PlanStatus
from portal.components.badges import badge, result_badge
from portal.components.sections import empty, facts, notice, section
from portal.components.tags import dcc, html
from portal.components.times import clock_time, day

_TONES = {PlanStatus.DRAFT: "warn", PlanStatus.PUBLISHED: "warn", PlanStatus.DRAWN: "ok"}


def status_badge(plan: PlanPublic) -> html.Span:
    return badge(_(STATUS_LABELS[plan.status]), _TONES[plan.status])


def plan_row(plan: PlanPublic) -> html.Li:
    published = day(plan.published_at) if plan.published_at else ""
    return html.Li(html.Div([
        html.Time(published, dateTime=published) if published else None,
        dcc.Link(plan.name, href=f"/random-draws/{plan.id}"),
        status_badge(plan),
        html.Span(_("{count} drawn").format(count=plan.drawn_count if plan.drawn_count is not None
                                            else len(plan.drawn or [])) if plan.drawn_at else "",
                  className="muted"),
    ], className="row-head"))


def scope_facts(plan: PlanPublic) -> html.Dl:
    weights = plan.weights
    risk = listed(f"{level.value} ×{weight:g}" for level, weight in sorted(weights.risk.items()))
    return facts([
        (_("Plan number"), plan.id),
        (_("Districts"), listed(plan.districts)),
        (_("Trades"), listed(_(TRADE_LABELS[trade]) for trade in plan.trades) or _("All trades")),
        (_("Base ratio"), f"{plan.base_ratio:.1%}"),
        (_("Weights by risk level"), risk),
        (_("Credit weights"), _("penalty ×{penalty:g}, failed inspection ×{failed:g} "
                                "(last {years} years)").format(
            penalty=weights.penalty, failed=weights.failed_inspection, years=weights.credit_years)),
        (_("At most per business and year"), str(plan.max_per_year)),
        (_("Officers per inspection"), str(plan.officers_per_inspection)),
    ])


def publication_section(plan: PlanPublic) -> html.Section:
    if plan.status == PlanStatus.DRAFT:
        return section(_("Published before the draw"), empty(_("Not published yet.")),
                       name="publication")
    register = f"/api/v1/random-draws/{plan.id}/register"
    published = clock_time(plan.published_at) if plan.published_at else ""
    return section(_("Published before the draw"), facts([
        (_("Published"), published),
        *([(_("Draw day"), _("{day}, unless an administrator draws it before").format(
            day=plan.draw_on.isoformat()))] if plan.status == PlanStatus.PUBLISHED and plan.draw_on else []),
        (_("Businesses in the register"), str(plan.register_size)),
        (_("Register SHA-256"), html.Code(plan.register_hash or "", className="hash")),
        (_("Random seed"), html.Code(plan.seed or "", className="hash")),
        (_("Register (JSON)"), html.A(register, href=register)),
    ]), html.P(_("Anyone can re-run this draw and compare:")),
        html.Pre(html.Code(f"python -m backend.random_draw verify {plan.id}"), className="command"),
        name="publication")


def _inspected(target: DrawnTarget) -> list[html.Span]:
    """The drawn business's inspection once recorded (一公开), or that it is still awaited; one by
    a team other than the one drawn says so."""
    found = target.inspection
    if found is None:
        return [html.Span(_("Not inspected yet"), className="muted")]
    when = found.date.isoformat()
    return [html.Span([_("Inspected"), " ", html.Time(when, dateTime=when), " ", result_badge(found.result)],
                      className="drawn-inspection"),
            *([badge(_("Not the team drawn"), "warn")] if found.off_draw else [])]


def result_section(plan: PlanPublic) -> html.Section:
    title = _("Result of the draw")
    if plan.status != PlanStatus.DRAWN:
        return section(title, empty(_("Not drawn yet.")), name="result")
    due = plan.results_due.isoformat() if plan.results_due else ""
    rows = [html.Li(html.Div([
        dcc.Link(target.business_name or target.business_code, href=f"/b/{target.business_code}"),
        html.Span(_("Officers: {names}").format(names=listed(target.officer_names)
                                                 or _("none available")), className="muted"),
        *_inspected(target),
    ], className="row-head")) for target in plan.drawn or []]
    drawn_at = clock_time(plan.drawn_at) if plan.drawn_at else ""
    unstaffed = sum(not target.officer_names for target in plan.drawn or [])
    short = notice(_("{n} of {total} drawn businesses got no officers: the unit has too few who may "
                     "inspect them (not their last inspectors, none with a declared conflict). Their "
                     "tasks wait in the unit's queue to be assigned.").format(n=unstaffed,
                                                                              total=len(plan.drawn or [])),
                   "warn") if unstaffed else None
    return section(title, facts([(_("Drawn"), drawn_at), (_("Inspection results public by"), due)]),
                   short, html.Ul(rows, className="rows") if rows else empty(_("Nobody was drawn.")),
                   name="result")
