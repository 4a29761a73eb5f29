"""Administrative penalties in their publication period (/penalties): filters, charts, pages."""

from __future__ import annotations

import dash

from backend.i18n import N_, _, listed
from backend.penalties.schemas import MEASURE_LABELS
from backend.records import service as records
from backend.records.schemas import PenaltyRecord
from portal.components.record_listing import RecordListing
from portal.components.records import trade_label
from portal.components.sections import facts
from portal.components.tags import dcc, html
from portal.numbers import yuan

dash.register_page(__name__, path="/penalties", title=lambda **_path: _("Administrative penalties"))


def layout(district: str = "", trade: str = "", measure: str = "", page: str = "1",
           **query: str) -> html.Article:
    return LISTING.layout(district=district, trade=trade, outcome=measure, page=page, query=query)


def _row(row: PenaltyRecord, labels: dict[str, str]) -> html.Li:
    fine = _("{amount} yuan").format(amount=yuan(row.fine_yuan)) if row.fine_yuan else None
    return html.Li([
        html.Div([html.Strong(row.decision_number),
                  dcc.Link(row.business_name or row.business_code, href=f"/b/{row.business_code}"),
                  html.Time(row.decided_on.isoformat(), dateTime=row.decided_on.isoformat(),
                            className="muted")], className="row-head"),
        facts([(_("District"), row.district), (_("Trade"), trade_label(row.trade)),
               (_("Facts"), row.facts), (_("Legal basis"), row.legal_basis),
               (_("Penalty"), listed(labels.get(m, m) for m in row.measures)),
               (_("Fine"), fine), (_("Public until"), row.public_until.isoformat())]),
    ])


LISTING = RecordListing(
    "/penalties", N_("Administrative penalties"),
    N_("Decisions stay here for their publication period, then leave the public pages."),
    outcome_name="measure", outcome_label=N_("Penalty"), outcomes=MEASURE_LABELS,
    nothing=N_("No penalty in its publication period matches."), find=records.penalties,
    count=records.penalty_counts, row=_row)
