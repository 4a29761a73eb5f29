"""The public performance page: the figures are in the first HTML, the chart comes with Dash."""

from tests import factories
from tests.portal.conftest import ENGLISH


def test_rates_are_readable_without_scripts(site, db):
    factories.unit(db, id="U-TH", districts=("天河区",))
    response = site.get("/performance", headers=ENGLISH)
    assert response.status_code == 200
    assert 'id="performance-table"' in response.text and "Closure rate" in response.text
    assert "U-TH 市场监督管理所" in response.text


def test_dash_renders_the_plotly_chart(site, db):
    from portal.pages import performance

    factories.unit(db, id="U-TH", districts=("天河区",))
    layout = performance.layout()  # what Dash's router builds once its scripts run
    chart = next(child for child in layout.children[2].children
                 if getattr(child, "id", None) == performance.CHART)
    assert chart.id == performance.CHART and len(chart.figure["data"]) == 3
    # Units named level down the side, bars across: their long names fit a phone.
    assert all(trace["orientation"] == "h" and trace["y"] == ["U-TH 市场监督管理所"]
               for trace in chart.figure["data"])


def test_many_units_are_paged_without_scripts(site, db, monkeypatch):
    from portal.pages import performance

    factories.unit(db, id="U-TH", districts=("天河区",))
    factories.unit(db, id="U-YX", districts=("越秀区",))
    monkeypatch.setattr(performance, "PAGE_SIZE", 1)
    first = site.get("/performance", headers=ENGLISH).text
    assert "U-TH 市场监督管理所" in first and "U-YX 市场监督管理所" not in first
    second = site.get("/performance?page=2", headers=ENGLISH).text
    assert 'href="/performance?page=2"' in first and "U-YX 市场监督管理所" in second
    assert "Page 1 of 2" in first and "Page 2 of 2" in second
    past = site.get("/performance?page=99", headers=ENGLISH).text
    assert "This page is past the last one." in past
