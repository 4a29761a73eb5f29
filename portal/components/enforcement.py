"""QR-page sections on enforcement: latest inspections and penalties still in publication."""

from __future__ import annotations

from backend.i18n import _, listed
from backend.inspections.checklists import found_label
from backend.inspections.schemas import SOURCE_LABELS, InspectionPublic
from backend.penalties.schemas import MEASURE_LABELS, PenaltyPublic
from portal.components.badges import result_badge
from portal.components.sections import empty, facts, section
from portal.components.tags import dcc, html
from portal.numbers import yuan


def officer_named(name: str, badge_number: str) -> str:
    """An officer as the public knows them: the name and the badge (执法证号)."""
    return _("{name} (badge {badge})").format(name=name, badge=badge_number)


def officer_link(officer_id: str, name: str, badge_number: str) -> dcc.Link:
    return dcc.Link(officer_named(name, badge_number), href=f"/officers/{officer_id}")


def _pending_badge(record_id: str, pending: frozenset[str]) -> html.Span | None:
    """A record under objection (异议申诉) says so until the objection is answered."""
    if record_id not in pending:
        return None
    return html.Span(_("Objection pending"), className="badge badge-warn objection-pending")


def inspections_section(inspections: list[InspectionPublic],
                        pending: frozenset[str] = frozenset()) -> html.Section:
    title = _("Latest inspections")
    if not inspections:
        return section(title, empty(_("No inspection is on record yet.")), name="inspections")
    return section(title, html.Ul([_inspection(row, pending) for row in inspections],
                                  className="rows"), name="inspections")


def _inspection(inspection: InspectionPublic, pending: frozenset[str]) -> html.Li:
    officers = [officer_link(ref.id, ref.name, ref.badge_number) for ref in inspection.officers]
    deadline = inspection.rectification_deadline
    return html.Li([
        html.Div([html.Time(inspection.date.isoformat(), dateTime=inspection.date.isoformat()),
                  html.Span(_(SOURCE_LABELS[inspection.source]), className="muted"),
                  result_badge(inspection.result), _pending_badge(inspection.id, pending)],
                 className="row-head"),
        facts([
            (_("Items found"), html.Ul([html.Li(found_label(item)) for item in inspection.items_found])
             if inspection.items_found else None),
            (_("Opinion"), inspection.opinion),
            (_("Rectify by"), deadline.isoformat() if deadline else None),
            (_("Officers"), _joined(officers)),
        ]),
    ])


def _joined(links: list[dcc.Link]) -> list:
    parts: list = []
    for index, link in enumerate(links):
        parts += ([", "] if index else []) + [link]
    return parts


def penalties_section(penalties: list[PenaltyPublic],
                      pending: frozenset[str] = frozenset()) -> html.Section:
    title = _("Administrative penalties")
    if not penalties:
        return section(title, empty(_("No administrative penalty is in its publication period.")),
                       name="penalties")
    return section(title, html.Ul([_penalty(row, pending) for row in penalties], className="rows"),
                   name="penalties")


def _penalty(penalty: PenaltyPublic, pending: frozenset[str]) -> html.Li:
    measures = listed(_(MEASURE_LABELS[measure]) for measure in penalty.measures)
    fine = _("{amount} yuan").format(amount=yuan(penalty.fine_yuan)) if penalty.fine_yuan else None
    return html.Li([
        html.Div([html.Strong(penalty.decision_number),
                  html.Time(penalty.decided_on.isoformat(), dateTime=penalty.decided_on.isoformat(),
                            className="muted"), _pending_badge(penalty.decision_number, pending)],
                 className="row-head"),
        facts([(_("Facts"), penalty.facts), (_("Legal basis"), penalty.legal_basis),
               (_("Penalty"), measures), (_("Fine"), fine),
               (_("Public until"), penalty.public_until.isoformat())]),
    ])
