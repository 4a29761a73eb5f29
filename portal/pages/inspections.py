"""Published inspections (/inspections): filter by district, trade, result and date; charts; pages."""

from __future__ import annotations

from typing import Any

import dash

from backend.businesses import service as businesses
from backend.database import get_db
from backend.errors import DomainError
from backend.i18n import _
from backend.inspections.schemas import RESULT_LABELS, SOURCE_LABELS, InspectionResult
from backend.records import service as records
from backend.records.schemas import InspectionRecord
from backend.records.service import Filters
from portal.components.badges import result_badge
from portal.components.records import charts, filter_form, pager, parse_date, trade_label
from portal.components.sections import empty, facts, notice
from portal.components.sections import page as titled_page
from portal.components.tags import dcc, html

dash.register_page(__name__, path="/inspections", title=lambda **_path: _("Inspection results"))

PATH, PAGE_SIZE = "/inspections", 20


def layout(district: str = "", trade: str = "", result: str = "", page: str = "1",
           **query: str) -> html.Article:
    result = result if result in InspectionResult.__members__.values() else ""
    shown = {"district": district, "trade": trade, "result": result,
             "from": query.get("from", ""), "to": query.get("to", "")}
    filters = Filters(district, trade, result, parse_date(shown["from"]), parse_date(shown["to"]))
    number = int(page) if str(page).isdigit() and int(page) > 0 else 1
    db = get_db()
    labels = {value.value: _(label) for value, label in RESULT_LABELS.items()}
    body: list[Any]
    try:
        found = records.inspections(db, filters=filters, page_number=number, page_size=PAGE_SIZE)
        counts = records.inspection_counts(db, filters=filters)
        body = [charts(counts, labels, name="inspections"),
                html.P(_("{count} results").format(count=found.meta.totalCount), className="muted"),
                html.Ul([_row(row) for row in found.data], className="rows card")
                if found.data else empty(_("No published inspection matches.")),
                pager(PATH, shown, number, found.meta.totalPages)]
    except DomainError as exc:
        body = [notice(exc.translated(_), "warn")]
    return titled_page(
        _("Inspection results"),
        filter_form(PATH, shown, districts=businesses.districts(db), outcome_name="result",
                    outcome_label=_("Result"), outcomes=list(labels.items())),
        *body,
        html.P([html.A(_("Download as CSV"), href="/api/v1/records/inspections?format=csv"), " · ",
                dcc.Link(_("How publication works"), href="/how-it-works")], className="muted"),
        lead=_("Results are published within 20 working days and stay public until the "
               "business's next inspection."))


def _row(row: InspectionRecord) -> html.Li:
    return html.Li([
        html.Div([html.Time(row.date.isoformat(), dateTime=row.date.isoformat()),
                  dcc.Link(row.business_name or row.business_code, href=f"/b/{row.business_code}"),
                  result_badge(row.result)], className="row-head"),
        facts([(_("District"), row.district), (_("Trade"), trade_label(row.trade)),
               (_("Source"), _(SOURCE_LABELS[row.source]) if row.source in SOURCE_LABELS else ""),
               (_("Items found"), "；".join(row.items_found)),
               (_("Officers"), "、".join(row.officers)),
               (_("Published by"), row.publish_by.isoformat())]),
    ])
