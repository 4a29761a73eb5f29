"""Published inspections (/inspections): filter by district, trade, result and date; charts; pages."""

from __future__ import annotations

import dash

from backend.i18n import N_, _, listed
from backend.inspections.checklists import found_label
from backend.inspections.schemas import RESULT_LABELS, SOURCE_LABELS
from backend.records import service as records
from backend.records.schemas import InspectionRecord
from portal.components.badges import result_badge
from portal.components.record_listing import RecordListing
from portal.components.records import trade_label
from portal.components.sections import facts
from portal.components.tags import dcc, html

dash.register_page(__name__, path="/inspections", title=lambda **_path: _("Inspection results"))


def layout(district: str = "", trade: str = "", result: str = "", page: str = "1",
           **query: str) -> html.Article:
    return LISTING.layout(district=district, trade=trade, outcome=result, page=page, query=query)


def _row(row: InspectionRecord, _labels: dict[str, str]) -> html.Li:
    return html.Li([
        html.Div([html.Time(row.date.isoformat(), dateTime=row.date.isoformat()),
                  dcc.Link(row.business_name or row.business_code, href=f"/b/{row.business_code}"),
                  result_badge(row.result)], className="row-head"),
        facts([(_("District"), row.district), (_("Trade"), trade_label(row.trade)),
               (_("Source"), _(SOURCE_LABELS[row.source]) if row.source in SOURCE_LABELS else ""),
               (_("Items found"), _("; ").join(found_label(item) for item in row.items_found)),
               (_("Officers"), listed(row.officers)),
               (_("Published by"), row.publish_by.isoformat())]),
    ])


LISTING = RecordListing(
    "/inspections", N_("Inspection results"),
    N_("Results are published within 20 working days and stay public until the business's next "
       "inspection."),
    outcome_name="result", outcome_label=N_("Result"), outcomes=RESULT_LABELS,
    nothing=N_("No published inspection matches."), find=records.inspections,
    count=records.inspection_counts, row=_row)
