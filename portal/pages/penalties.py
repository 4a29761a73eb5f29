"""Administrative penalties in their publication period (/penalties): filters, charts, pages."""

from __future__ import annotations

from typing import Any

import dash

from backend.businesses import service as businesses
from backend.database import get_db
from backend.errors import DomainError
from backend.i18n import _
from backend.penalties.schemas import MEASURE_LABELS, PenaltyMeasure
from backend.records import service as records
from backend.records.schemas import PenaltyRecord
from backend.records.service import Filters
from portal.components.records import charts, filter_form, pager, parse_date, trade_label
from portal.components.sections import empty, facts, notice
from portal.components.sections import page as titled_page
from portal.components.tags import dcc, html

dash.register_page(__name__, path="/penalties", title=lambda **_path: _("Administrative penalties"))

PATH, PAGE_SIZE = "/penalties", 20


def layout(district: str = "", trade: str = "", measure: str = "", page: str = "1",
           **query: str) -> html.Article:
    measure = measure if measure in PenaltyMeasure.__members__.values() else ""
    shown = {"district": district, "trade": trade, "measure": measure,
             "from": query.get("from", ""), "to": query.get("to", "")}
    filters = Filters(district, trade, measure, parse_date(shown["from"]), parse_date(shown["to"]))
    number = int(page) if str(page).isdigit() and int(page) > 0 else 1
    db = get_db()
    labels = {value.value: _(label) for value, label in MEASURE_LABELS.items()}
    body: list[Any]
    try:
        found = records.penalties(db, filters=filters, page_number=number, page_size=PAGE_SIZE)
        counts = records.penalty_counts(db, filters=filters)
        body = [charts(counts, labels, name="penalties"),
                html.P(_("{count} results").format(count=found.meta.totalCount), className="muted"),
                html.Ul([_row(row, labels) for row in found.data], className="rows card")
                if found.data else empty(_("No penalty in its publication period matches.")),
                pager(PATH, shown, number, found.meta.totalPages)]
    except DomainError as exc:
        body = [notice(exc.translated(_), "warn")]
    return titled_page(
        _("Administrative penalties"),
        filter_form(PATH, shown, districts=businesses.districts(db), outcome_name="measure",
                    outcome_label=_("Penalty"), outcomes=list(labels.items())),
        *body,
        html.P([html.A(_("Download as CSV"), href="/api/v1/records/penalties?format=csv"), " · ",
                dcc.Link(_("How publication works"), href="/how-it-works")], className="muted"),
        lead=_("Decisions stay here for their publication period, then leave the public pages."))


def _row(row: PenaltyRecord, labels: dict[str, str]) -> html.Li:
    fine = _("{amount} yuan").format(amount=f"{row.fine_yuan:,.0f}") if row.fine_yuan else None
    return html.Li([
        html.Div([html.Strong(row.decision_number),
                  dcc.Link(row.business_name or row.business_code, href=f"/b/{row.business_code}"),
                  html.Time(row.decided_on.isoformat(), dateTime=row.decided_on.isoformat(),
                            className="muted")], className="row-head"),
        facts([(_("District"), row.district), (_("Trade"), trade_label(row.trade)),
               (_("Facts"), row.facts), (_("Legal basis"), row.legal_basis),
               (_("Penalty"), "、".join(labels.get(m, m) for m in row.measures)),
               (_("Fine"), fine), (_("Public until"), row.public_until.isoformat())]),
    ])
