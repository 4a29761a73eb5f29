"""Per-unit task figures (/performance): closure, on-time and satisfaction rates, in public."""

from __future__ import annotations

from typing import Any

import dash

from backend.database import get_db
from backend.i18n import _
from backend.performance import service
from backend.performance.schemas import PerformancePublic
from portal.components.charts import across_figure
from portal.components.records import nothing_on_page, page_url, pager
from portal.components.sections import page, section
from portal.components.tags import dcc, html
from portal.components.times import day
from portal.numbers import page_number

PATH = "/performance"
dash.register_page(__name__, path=PATH, title=lambda **_path: _("Task performance"))

CHART = "performance-chart"
TABLE = "performance-table"
PAGE_SIZE = 20  # units a page: the chart stays readable


def layout(page: str = "1", **_query: str) -> html.Article:
    return figures_page(page_number(page))


def figures_page(number: int) -> html.Article:
    figures = service.by_unit(get_db(), page_number=number, page_size=PAGE_SIZE)
    more = pager(PATH, {}, number, figures.meta.totalPages) if figures.meta.totalPages > 1 else None
    return page(_("Task performance"), *_body(figures), more,
                lead=_("How each unit closes complaints and other tasks, and how complainants "
                       "rated the handling. Figures as of {date}.").format(
                           date=day(figures.as_of)))


def percent(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f}%"


def _body(figures: PerformancePublic) -> list[Any]:
    if not figures.data:
        return [nothing_on_page(figures.meta.totalCount, page_url(PATH, {}, figures.meta.totalPages),
                                _("No unit has published figures yet."))]
    return [section(_("Rates by unit"), html.P(_("Each unit's closure, on-time and satisfaction "
                                                 "rates as bars; the numbers are in the table "
                                                 "below."), className="muted"),
                    _chart(figures), name="chart"),
            section(_("Figures"), _table(figures), html.P(_(
                "Closure rate: closed tasks among those closed or past their deadline. "
                "On-time rate: closed on or before the deadline. Satisfaction: complainants "
                "who answered \"satisfied\" among those who answered."), className="muted"), name="figures")]


def _chart(figures: PerformancePublic) -> Any:
    """Plotly once Dash takes over; the table below says the same for readers without scripts."""
    series = ((_("Closure rate"), "closure_rate", "#0d3b66"),
              (_("On-time rate"), "on_time_rate", "#2a9d8f"),
              (_("Satisfaction rate"), "satisfaction_rate", "#e9c46a"))
    bars = [(label, [None if getattr(row, key) is None else round(getattr(row, key) * 100, 1)
                     for row in figures.data], colour) for label, key, colour in series]
    figure = across_figure([row.unit_name for row in figures.data], bars, barmode="group",
                           row_height=48, value_axis={"range": [0, 100], "ticksuffix": "%"})
    return dcc.Graph(id=CHART, figure=figure, config={"displayModeBar": False},
                     responsive=True)


def _table(figures: PerformancePublic) -> html.Table:
    head = html.Thead(html.Tr([html.Th(text, scope="col") for text in (
        _("Unit"), _("Tasks"), _("Closure rate"), _("On-time rate"), _("Satisfaction rate"))]))
    rows = [html.Tr([html.Th(row.unit_name, scope="row"), html.Td(str(row.tasks)),
                     html.Td(f"{percent(row.closure_rate)} ({row.closed}/{row.due})"),
                     html.Td(f"{percent(row.on_time_rate)} ({row.closed_on_time}/{row.closed})"),
                     html.Td(f"{percent(row.satisfaction_rate)} ({row.satisfied}/{row.rated})")])
            for row in figures.data]
    return html.Table([head, html.Tbody(rows)], id=TABLE, className="figures")
