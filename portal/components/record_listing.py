"""A published-records page (/inspections, /penalties): filters, charts, one page of rows, CSV."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any
from urllib.parse import urlencode

from backend.businesses import service as businesses
from backend.database import get_db
from backend.errors import DomainError, Invalid, Words
from backend.i18n import N_, _
from backend.records.schemas import Counts
from backend.records.service import Filters
from portal.components.records import charts, filter_form, nothing_on_page, page_url, pager, parse_date
from portal.components.sections import notice
from portal.components.sections import page as titled_page
from portal.components.tags import dcc, html
from portal.numbers import page_number

PAGE_SIZE = 20
_DAY_FORM = re.compile(r"\d{4}-\d{2}-\d{2}")


def check_date(value: str, label: str) -> None:
    """A filter's day, named by its field's label: mistyped, or in the form but no day at all."""
    if not value or parse_date(value):
        return
    if _DAY_FORM.fullmatch(value):  # 2026-02-30, 2026-13-01
        raise Invalid("{field}: {value} is not a date.", field=Words(label), value=value)
    raise Invalid("{field}: {reason}", field=Words(label),
                  reason=Words(N_("Please give the date as YYYY-MM-DD.")))


@dataclass(frozen=True)
class RecordListing:
    """What one records page says and reads; texts are msgids, translated per request."""

    path: str  # also the API's listing (/api/v1/records<path>) and the charts' name
    title: str
    lead: str
    outcome_name: str  # the query parameter that filters by result or measure
    outcome_label: str
    outcomes: Mapping[StrEnum, str]
    nothing: str  # when no row matches
    find: Callable[..., Any]  # records.service.inspections / penalties
    count: Callable[..., Counts]
    row: Callable[[Any, dict[str, str]], html.Li]

    def csv_link(self, filters: Filters) -> str:
        """Every row the page's filters select, as the API gives them (its own parameter names)."""
        wanted = {"format": "csv", "district": filters.district, "trade": filters.trade,
                  self.outcome_name: filters.outcome,
                  "dateFrom": filters.date_from.isoformat() if filters.date_from else "",
                  "dateTo": filters.date_to.isoformat() if filters.date_to else ""}
        return f"/api/v1/records{self.path}?" + urlencode({k: v for k, v in wanted.items() if v})

    def layout(self, *, district: str, trade: str, outcome: str, page: str,
               query: Mapping[str, str]) -> html.Article:
        outcome = outcome if outcome in self.outcomes else ""
        shown = {"district": district, "trade": trade, self.outcome_name: outcome,
                 "from": query.get("from", ""), "to": query.get("to", "")}
        filters = Filters(district, trade, outcome, parse_date(shown["from"]), parse_date(shown["to"]))
        number = page_number(page)
        db = get_db()
        labels = {value.value: _(label) for value, label in self.outcomes.items()}
        body: list[Any]
        try:
            for key, label in (("from", N_("From")), ("to", N_("To"))):
                check_date(shown[key], label)
            found = self.find(db, filters=filters, page_number=number, page_size=PAGE_SIZE)
            counts = self.count(db, filters=filters)
            name = self.path.strip("/")
            body = [charts(counts, labels, name=name),
                    html.P(_("{count} results").format(count=found.meta.totalCount), className="muted"),
                    html.Ul([self.row(row, labels) for row in found.data], className="rows card")
                    if found.data else nothing_on_page(
                        found.meta.totalCount, page_url(self.path, shown, found.meta.totalPages),
                        _(self.nothing)),
                    pager(self.path, shown, number, found.meta.totalPages)]
        except DomainError as exc:
            body = [notice(exc.translated(_), "warn")]
        return titled_page(
            _(self.title),
            filter_form(self.path, shown, districts=businesses.districts(db),
                        outcome_name=self.outcome_name, outcome_label=_(self.outcome_label),
                        outcomes=list(labels.items())),
            *body,
            html.P([html.A(_("Download as CSV"), href=self.csv_link(filters)),
                    " · ", dcc.Link(_("How publication works"), href="/how-it-works")],
                   className="muted"),
            lead=_(self.lead))
