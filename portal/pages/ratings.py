"""Ratings (/ratings): businesses ranked by consumer grade, by district and trade, best or lowest
first, a page at a time; with band charts."""

from __future__ import annotations

from typing import Any

import dash

from backend.businesses import service as businesses
from backend.businesses.schemas import TRADE_LABELS, Trade
from backend.database import get_db
from backend.i18n import _, ngettext
from backend.reviews import ratings as service
from backend.reviews.ratings import Order, RankedBusinesses
from portal.components.charts import bands_figure, chart
from portal.components.records import nothing_on_page, page_url, pager
from portal.components.reviews import band_text
from portal.components.sections import empty, section
from portal.components.sections import page as titled_page
from portal.components.tags import dcc, html
from portal.numbers import page_number

dash.register_page(__name__, path="/ratings", title=lambda **_path: _("Ratings"))

PATH = "/ratings"
PAGE_SIZE = 20


def _trade_label(trade: str) -> str:
    return _(TRADE_LABELS[Trade(trade)]) if trade in Trade._value2member_map_ else trade


def layout(district: str = "", trade: str = "", sort: str = "", page: str = "1",
           **_query: str) -> html.Article:
    district = str(district)[:40]
    trade = trade if trade in Trade._value2member_map_ else ""
    order = Order.WORST if sort == Order.WORST else Order.BEST
    shown = {"district": district, "trade": trade, "sort": "" if order is Order.BEST else order.value}
    db = get_db()
    districts = businesses.districts(db)
    found = service.ranked(db, district=district, trade=trade, order=order,
                           page_number=page_number(page), page_size=PAGE_SIZE)
    counts = service.band_counts(db, districts=districts)
    return titled_page(
        _("Ratings"), _choose(shown, districts),
        section(_("Best graded") if order is Order.BEST else _("Lowest graded"),
                *_ranked(found, shown), name="ranked"),
        _distribution(_("Grades by district"), counts.by_district, "ratings-by-district"),
        _distribution(_("Grades by trade"), {_trade_label(k): v for k, v in counts.by_trade.items()},
                      "ratings-by-trade"),
        html.P(dcc.Link(_("How grades work"), href="/grades")),
        lead=_("Consumer grades from scored reviews; see how grades work."))


def _choose(shown: dict[str, str], districts: list[str]) -> html.Form:
    """A plain GET form: choosing works without scripts and the address stays shareable."""
    def select(name: str, label: str, options: list[tuple[str, str]]) -> list[Any]:
        return [html.Label(label, htmlFor=f"ratings-{name}"),
                html.Select([html.Option(text, value=value, selected=value == shown[name])
                             for value, text in options], id=f"ratings-{name}", name=name)]

    trades = [(value.value, _(label)) for value, label in TRADE_LABELS.items()]
    return html.Form([
        *select("district", _("District"), [("", _("All districts"))] + [(d, d) for d in districts]),
        *select("trade", _("Trade"), [("", _("All trades"))] + trades),
        *select("sort", _("Order"), [("", _("Best first")), (Order.WORST.value, _("Lowest first"))]),
        html.Button(_("Show"), type="submit")], method="get", action=PATH, className="form")


def _ranked(found: RankedBusinesses, shown: dict[str, str]) -> list[Any]:
    meta = found.meta
    if not found.data:
        return [nothing_on_page(meta.totalCount, page_url(PATH, shown, meta.totalPages),
                                _("No business has a consumer grade here yet."))]
    first = (meta.pageNumber - 1) * meta.pageSize + 1  # the list counts on from the pages before
    rows = html.Ol([html.Li([dcc.Link(row.name, href=f"/b/{row.code}"), " · ", band_text(row.band),
                             f" ({row.score})", " · ",
                             html.Span(f"{row.district} · {_trade_label(row.trade)}", className="muted")])
                    for row in found.data], start=first, className="rows")
    found_text = ngettext("{count} business found", "{count} businesses found", meta.totalCount)
    return [html.P(found_text.format(count=meta.totalCount), className="muted"), rows,
            pager(PATH, shown, meta.pageNumber, meta.totalPages)]


def _distribution(title: str, counts: dict[str, dict[str, int]], chart_id: str) -> html.Section:
    if not counts:
        return section(title, empty(_("No business has a consumer grade here yet.")))
    table = html.Table([html.Thead(html.Tr([html.Th("")] + [html.Th(b) for b in service.BANDS])),
                        html.Tbody([html.Tr([html.Th(group)] + [html.Td(str(row[b]))
                                                                  for b in service.BANDS])
                                    for group, row in counts.items()])], className="table")
    return section(title, table, chart(bands_figure(counts), id=chart_id, label=title))
