"""Small Plotly charts as plain figure dicts: drawn once Dash's scripts arrive, after the page text."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from backend.inspections.schemas import InspectionResult
from backend.penalties.schemas import PenaltyMeasure
from portal.components.tags import dcc, html

BAND_COLOURS = {"A": "#1a7f37", "B": "#4caf50", "C": "#d4a017", "D": "#c62828"}
# One colour per outcome whatever the filter leaves: results as their badges say them (符合 green,
# 基本符合 amber, 不符合 red); measures darker as they weigh more.
OUTCOME_COLOURS = {
    InspectionResult.COMPLIANT: BAND_COLOURS["A"],
    InspectionResult.BASICALLY_COMPLIANT: BAND_COLOURS["C"],
    InspectionResult.NON_COMPLIANT: BAND_COLOURS["D"],
    PenaltyMeasure.WARNING: "#e3b341", PenaltyMeasure.FINE: "#e8710a",
    PenaltyMeasure.CONFISCATION: "#c62828", PenaltyMeasure.SUSPENSION: "#7f0000",
    PenaltyMeasure.LICENCE_REVOCATION: "#2d0a0a",
}
# At the top of the figure, the plot below it (Plotly reserves the room; under the plot, slanted
# labels ran into it on a phone). Its row is as wide as the plot area: on a phone, beside long
# names, it wraps to a column, which may then take the figure's whole height, never a scrollbar.
_LEGEND = {"orientation": "h", "xref": "container", "yref": "container", "x": 0, "y": 1,
           "xanchor": "left", "yanchor": "top", "traceorder": "normal", "maxheight": 1}
_LEGEND_ROW = 22  # px a legend entry takes when the legend wraps to a column
_LAYOUT = {"margin": {"l": 8, "r": 24, "t": 8, "b": 8}, "height": 240,
           "paper_bgcolor": "rgba(0,0,0,0)", "plot_bgcolor": "rgba(0,0,0,0)",
           "xaxis": {"automargin": True}, "yaxis": {"automargin": True}}
_CONFIG = {"displayModeBar": False, "responsive": True}

Series = Sequence[tuple[str, Sequence[float | None], str]]  # (legend name, values, colour)


def chart(figure: dict[str, Any], *, id: str, label: str) -> Any:  # noqa: A002 - Dash's name
    """The graph inside a labelled figure: dcc.Graph itself takes no aria-label (Dash refuses the
    prop, and the page then failed once Dash drew it)."""
    return html.Div(dcc.Graph(id=id, figure=figure, config=_CONFIG), role="img", **{"aria-label": label})


def months_between(first: str, last: str) -> list[str]:
    """Every "YYYY-MM" from `first` to `last`, both included."""
    year, month = map(int, first.split("-"))
    months = []
    while (key := f"{year:04d}-{month:02d}") <= last:
        months.append(key)
        year, month = (year, month + 1) if month < 12 else (year + 1, 1)
    return months


def trend_figure(trend: list[dict[str, Any]]) -> dict[str, Any]:
    """Months as the table writes them ("2026-04", the same in every language), each month of the
    span on the axis: one without reviews has no point, so the line breaks instead of inventing it."""
    scores = {row["month"]: row["score"] for row in trend}
    months = months_between(trend[0]["month"], trend[-1]["month"]) if trend else []
    return {"data": [{"type": "scatter", "mode": "lines+markers", "x": months,
                      "y": [scores.get(month) for month in months], "connectgaps": False,
                      "cliponaxis": False, "line": {"color": "#1f6feb"}}],  # a 100 shows whole
            "layout": _LAYOUT | {"xaxis": {"type": "category", "automargin": True},
                                 "yaxis": {"range": [0, 100], "automargin": True}}}


def _bars(series: Series, *, groups: list[str], across: bool) -> list[dict[str, Any]]:
    names, values = ("y", "x") if across else ("x", "y")
    return [{"type": "bar", "orientation": "h" if across else "v", "name": name, names: groups,
             values: list(numbers), "marker": {"color": colour}} for name, numbers, colour in series]


def across_figure(groups: list[str], series: Series, *, barmode: str = "stack",
                  row_height: int = 28, value_axis: dict[str, Any] | None = None) -> dict[str, Any]:
    """Bars across, one row per group (district, trade, unit) named level down the side: long
    names stay whole on a 390 px phone, where slanted labels under upright bars ran off its edge."""
    return {"data": _bars(series, groups=groups, across=True),
            "layout": _LAYOUT | {"barmode": barmode, "legend": _LEGEND,
                                 "height": 40 + _LEGEND_ROW * len(series) + row_height * len(groups),
                                 "xaxis": {"automargin": True} | (value_axis or {}),
                                 "yaxis": {"automargin": True, "autorange": "reversed"}}}


def months_figure(months: list[str], series: Series) -> dict[str, Any]:
    """Stacked upright bars by "YYYY-MM": short labels, the same in every language (a date axis
    named the months in English)."""
    return {"data": _bars(series, groups=months, across=False),
            "layout": _LAYOUT | {"barmode": "stack", "legend": _LEGEND, "height": 280,
                                 "xaxis": {"type": "category", "automargin": True}}}


def bands_figure(counts: dict[str, dict[str, int]]) -> dict[str, Any]:
    """Stacked bars: businesses per band for each group (district or trade)."""
    groups = list(counts)
    return across_figure(groups, [(band, [counts[g][band] for g in groups], colour)
                                  for band, colour in BAND_COLOURS.items()])
