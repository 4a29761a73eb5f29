"""Pieces of the public records pages: the filter form, the pager and the charts with their tables."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any
from urllib.parse import urlencode

from backend.businesses.schemas import TRADE_LABELS, Trade
from backend.i18n import _
from backend.records.schemas import Counts
from portal.components.charts import OUTCOME_COLOURS, across_figure, months_figure
from portal.components.sections import empty, section
from portal.components.tags import dcc, html


def parse_date(value: str) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def trade_label(value: str) -> str:
    return _(TRADE_LABELS[Trade(value)]) if value in Trade.__members__.values() else value


def _select(name: str, label: str, chosen: str, options: list[tuple[str, str]]) -> html.Div:
    choices = [html.Option(_("All"), value="")] + [
        html.Option(text, value=value, selected=value == chosen) for value, text in options]
    return html.Div([html.Label(label, htmlFor=f"filter-{name}"),
                     html.Select(choices, id=f"filter-{name}", name=name)])


def _day_input(id_: str, name: str, value: str) -> Any:
    """dcc.Input has no date type; a YYYY-MM-DD text field works the same in every browser."""
    return dcc.Input(id=id_, name=name, type="text", value=value, placeholder="YYYY-MM-DD",
                     pattern=r"\d{4}-\d{2}-\d{2}", maxLength=10)


def filter_form(path: str, query: dict[str, str], *, districts: list[str],
                outcome_name: str, outcome_label: str,
                outcomes: list[tuple[str, str]]) -> html.Form:
    """A plain GET form: filtering works without scripts and the address stays shareable."""
    trades = [(value.value, _(label)) for value, label in TRADE_LABELS.items()]
    return html.Form([html.Div([
        _select("district", _("District"), query.get("district", ""),
                [(d, d) for d in districts]),
        _select("trade", _("Trade"), query.get("trade", ""), trades),
        _select(outcome_name, outcome_label, query.get(outcome_name, ""), outcomes),
        html.Div([html.Label(_("From"), htmlFor="filter-from"),
                  _day_input("filter-from", "from", query.get("from", ""))]),
        html.Div([html.Label(_("To"), htmlFor="filter-to"),
                  _day_input("filter-to", "to", query.get("to", ""))]),
        html.Button(_("Filter"), type="submit"),
    ], className="form-row form")], action=path, method="get", className="filters")


def page_url(path: str, query: dict[str, str], page: int) -> str:
    params = {k: v for k, v in query.items() if v and k != "page"} | (
        {"page": str(page)} if page > 1 else {})
    return f"{path}?{urlencode(params)}" if params else path


def past_the_end(last_page: str) -> html.P:
    """A page number beyond the last page (an old link, a typed address): say so, and link on."""
    return html.P([_("This page is past the last one."), " ",
                   dcc.Link(_("Go to the last page"), href=last_page)], className="empty")


def nothing_on_page(total: int, last_page: str, nothing: str) -> html.P:
    """An empty page of a listing: past its last page when there are rows (`total`), else `nothing`."""
    return past_the_end(last_page) if total else empty(nothing)


def pager(path: str, query: dict[str, str], number: int, pages: int) -> html.Nav:
    links = [html.Span(_("Page {page} of {pages}").format(page=number, pages=max(pages, 1)),
                       className="muted")]
    if number > 1:
        links.insert(0, dcc.Link(_("← Previous"), href=page_url(path, query, min(number - 1, max(pages, 1)))))
    if number < pages:
        links.append(dcc.Link(_("Next →"), href=page_url(path, query, number + 1)))
    return html.Nav(links, className="pager", **{"aria-label": _("Pages")})


def _outcomes(series: dict[str, dict[str, int]], labels: dict[str, str]) -> list[str]:
    """The outcomes present, in their labels' order (the badges' order), any other one after."""
    present = {o for counts in series.values() for o in counts}
    return [o for o in labels if o in present] + sorted(present - set(labels))


def _figure(series: dict[str, dict[str, int]], labels: dict[str, str], x_label: Any,
            draw: Callable[..., dict]) -> dict:
    bars = [(labels.get(o, o), [counts.get(o, 0) for counts in series.values()],
             OUTCOME_COLOURS.get(o, "#6e7781")) for o in _outcomes(series, labels)]
    return draw([x_label(k) for k in series], bars)


def _table(series: dict[str, dict[str, int]], labels: dict[str, str], x_label: Any,
           caption: str) -> html.Table:
    """The chart's numbers as a table: what a reader without scripts (or a screen reader) gets."""
    outcomes = _outcomes(series, labels)
    head = html.Tr([html.Th("")] + [html.Th(labels.get(o, o)) for o in outcomes])
    rows = [html.Tr([html.Th(x_label(k))] + [html.Td(str(counts.get(o, 0))) for o in outcomes])
            for k, counts in series.items()]
    return html.Table([html.Caption(caption), html.Thead(head), html.Tbody(rows)],
                      className="counts-table")


def charts(counts: Counts, labels: dict[str, str], *, name: str) -> html.Section:
    parts: list[Any] = []
    # Months are short and upright; trades are long names, better read level down the side.
    for title, series, x_label, draw in (
            (_("By month"), counts.by_month, str, months_figure),
            (_("By trade"), counts.by_trade, trade_label, across_figure)):
        if not series:
            continue
        parts += [html.H3(title),
                  dcc.Graph(figure=_figure(series, labels, x_label, draw), id=f"{name}-{len(parts)}",
                            config={"displayModeBar": False, "responsive": True}),
                  html.Details([html.Summary(_("The numbers")),
                                _table(series, labels, x_label, title)])]
    return section(_("Charts"), *parts, name=f"{name}-charts")
