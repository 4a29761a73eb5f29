"""Small Plotly charts as plain figure dicts: drawn once Dash's scripts arrive, after the page text."""

from __future__ import annotations

from typing import Any

from portal.components.tags import dcc, html

BAND_COLOURS = {"A": "#1a7f37", "B": "#4caf50", "C": "#d4a017", "D": "#c62828"}
_LAYOUT = {"margin": {"l": 36, "r": 8, "t": 8, "b": 48}, "height": 240,
           "paper_bgcolor": "rgba(0,0,0,0)", "plot_bgcolor": "rgba(0,0,0,0)"}
_CONFIG = {"displayModeBar": False, "responsive": True}


def chart(figure: dict[str, Any], *, id: str, label: str) -> Any:  # noqa: A002 - Dash's name
    """The graph inside a labelled figure: dcc.Graph itself takes no aria-label (Dash refuses the
    prop, and the page then failed once Dash drew it)."""
    return html.Div(dcc.Graph(id=id, figure=figure, config=_CONFIG), role="img", **{"aria-label": label})


def trend_figure(trend: list[dict[str, Any]]) -> dict[str, Any]:
    return {"data": [{"type": "scatter", "mode": "lines+markers", "x": [r["month"] for r in trend],
                      "y": [r["score"] for r in trend], "line": {"color": "#1f6feb"}}],
            "layout": _LAYOUT | {"yaxis": {"range": [0, 100]}}}


def bands_figure(counts: dict[str, dict[str, int]]) -> dict[str, Any]:
    """Stacked bars: businesses per band for each group (district or trade)."""
    groups = list(counts)
    return {"data": [{"type": "bar", "name": band, "x": groups,
                      "y": [counts[g][band] for g in groups], "marker": {"color": colour}}
                     for band, colour in BAND_COLOURS.items()],
            "layout": _LAYOUT | {"barmode": "stack", "legend": {"orientation": "h"}}}
