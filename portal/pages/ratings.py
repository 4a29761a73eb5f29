"""Ratings (/ratings): businesses ranked by consumer grade, by district and trade, with band charts."""

from __future__ import annotations

import dash

from backend.businesses.schemas import TRADE_LABELS, Trade
from backend.database import get_db
from backend.i18n import _
from backend.reviews import ratings as service
from portal.components.charts import bands_figure, chart
from portal.components.reviews import band_text
from portal.components.sections import empty, page, section
from portal.components.tags import dcc, html

dash.register_page(__name__, path="/ratings", title=lambda **_path: _("Ratings"))


def _trade_label(trade: str) -> str:
    return _(TRADE_LABELS[Trade(trade)]) if trade in Trade._value2member_map_ else trade


def layout(district: str = "", trade: str = "", **_query: str) -> html.Article:
    district, trade = str(district)[:40], str(trade)[:40]
    result = service.ratings(get_db(), district=district, trade=trade)
    choose = html.Form([
        html.Label(_("District"), htmlFor="ratings-district"),
        html.Select([html.Option(_("All districts"), value="")] + [
            html.Option(d, value=d, selected=d == district) for d in result.districts],
            id="ratings-district", name="district"),
        html.Label(_("Trade"), htmlFor="ratings-trade"),
        html.Select([html.Option(_("All trades"), value="")] + [
            html.Option(_(label), value=value.value, selected=value.value == trade)
            for value, label in TRADE_LABELS.items()], id="ratings-trade", name="trade"),
        html.Button(_("Show"), type="submit")], method="get", action="/ratings", className="form")
    ranked = (html.Ol([html.Li([dcc.Link(row.name, href=f"/b/{row.code}"), " · ",
                               band_text(row.band), f" ({row.score})", " · ",
                               html.Span(f"{row.district} · {_trade_label(row.trade)}",
                                         className="muted")]) for row in result.ranked],
                      className="rows")
              if result.ranked else empty(_("No business has a consumer grade here yet.")))
    return page(
        _("Ratings"), choose, section(_("Best graded"), ranked, name="ranked"),
        _distribution(_("Grades by district"), result.by_district, "ratings-by-district"),
        _distribution(_("Grades by trade"), {_trade_label(k): v for k, v in result.by_trade.items()},
                      "ratings-by-trade"),
        html.P(dcc.Link(_("How grades work"), href="/grades")),
        lead=_("Consumer grades from scored reviews; see how grades work."))


def _distribution(title: str, counts: dict[str, dict[str, int]], chart_id: str) -> html.Section:
    if not counts:
        return section(title, empty(_("No business has a consumer grade here yet.")))
    table = html.Table([html.Thead(html.Tr([html.Th("")] + [html.Th(b) for b in service.BANDS])),
                        html.Tbody([html.Tr([html.Th(group)] + [html.Td(str(row[b]))
                                                                  for b in service.BANDS])
                                    for group, row in counts.items()])], className="table")
    return section(title, table, chart(bands_figure(counts), id=chart_id, label=title))
