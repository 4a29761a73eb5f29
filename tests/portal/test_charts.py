"""The Plotly figures: readable on a 390 px phone, months as the tables write them, no invented data."""

import pytest

from portal.components.charts import BAND_COLOURS, bands_figure, months_between, trend_figure


@pytest.mark.parametrize(("first", "last", "months"), [
    ("2026-04", "2026-04", ["2026-04"]),
    ("2026-02", "2026-05", ["2026-02", "2026-03", "2026-04", "2026-05"]),
    ("2025-11", "2026-02", ["2025-11", "2025-12", "2026-01", "2026-02"]),
    ("2026-05", "2026-04", []),
])
def test_months_between(first, last, months):
    assert months_between(first, last) == months


def test_the_trend_breaks_at_months_without_reviews():
    trend = [{"month": "2026-02", "score": 80.0, "reviews": 2},
             {"month": "2026-04", "score": 60.0, "reviews": 1},
             {"month": "2026-05", "score": 70.0, "reviews": 3}]
    figure = trend_figure(trend)
    line = figure["data"][0]
    # The month as the table beside it writes it, in any language: not a date axis ("Apr 2026").
    assert figure["layout"]["xaxis"]["type"] == "category"
    assert line["x"] == ["2026-02", "2026-03", "2026-04", "2026-05"]
    assert line["y"] == [80.0, None, 60.0, 70.0] and line["connectgaps"] is False


def test_no_trend_draws_an_empty_chart():
    assert trend_figure([])["data"][0]["x"] == []


def test_bands_run_across_with_the_groups_named_down_the_side():
    """Long trade names ("特种设备使用单位") stay level beside their bars instead of slanting off
    a phone's edge under them, and the legend sits above, clear of them."""
    counts = {"餐饮服务": {"A": 1, "B": 2, "C": 0, "D": 0},
              "特种设备使用单位": {"A": 0, "B": 0, "C": 1, "D": 3}}
    figure = bands_figure(counts)
    assert [trace["orientation"] for trace in figure["data"]] == ["h"] * 4
    assert all(trace["y"] == ["餐饮服务", "特种设备使用单位"] for trace in figure["data"])
    assert figure["data"][3]["x"] == [0, 3] and figure["data"][3]["marker"]["color"] == BAND_COLOURS["D"]
    layout = figure["layout"]
    assert layout["yaxis"]["automargin"] and layout["yaxis"]["autorange"] == "reversed"  # first on top
    assert layout["legend"]["y"] == 1 and layout["legend"]["yanchor"] == "top"
    assert layout["height"] > 2 * 28   # a row per group
