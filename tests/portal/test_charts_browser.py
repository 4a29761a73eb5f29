"""The Plotly charts drawn in headless Chromium 390 px wide: every label inside the chart, none
under the legend (slanted trade and unit names once ran off the right edge and into it)."""

import pytest

from tests import factories
from tests.portal.test_browser import (  # noqa: F401 - fixtures shared with the QR page's tests
    _interact_and_wait_for_dash,
    _wait,
    browser,
    pytestmark,
    server_url,
)
from tests.portal.test_review_pages import graded  # noqa: F401 - a fixture: a business with a grade

# For each chart: its labels (tick labels, legend entries) outside its box, or overlapping the legend.
_MISFITS = """
const misfits = [];
const box = node => node.getBoundingClientRect();
const overlap = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
for (const plot of document.querySelectorAll('.js-plotly-plot')) {
  const frame = box(plot);
  const legend = plot.querySelector('.legend .bg');
  for (const text of plot.querySelectorAll('.xtick text, .ytick text, .legendtext')) {
    const r = box(text);
    if (!r.width) continue;
    if (r.left < frame.left - 1 || r.right > frame.right + 1)
      misfits.push(text.textContent + ' off the edge');
    if (legend && !text.classList.contains('legendtext') && overlap(r, box(legend)))
      misfits.push(text.textContent + ' under the legend');
  }
}
return [document.querySelectorAll('.js-plotly-plot').length, misfits];
"""


@pytest.fixture(scope="module")
def charted(db, graded):  # noqa: F811
    officers = [factories.officer(db), factories.officer(db)]
    for trade, result in (("special_equipment_user", "non_compliant"), ("small_workshop", "compliant"),
                          ("food_production", "basically_compliant")):
        code = factories.business(db, name=f"图表{trade}", trade=trade)
        factories.inspection(db, code, officers, days_ago=5, result=result)
        factories.penalty(db, code, measures=("warning", "suspension"))
    for unit, district in (("U-TH", "天河区"), ("U-YX", "越秀区"), ("U-HZ", "海珠区")):
        factories.unit(db, id=unit, districts=(district,))


@pytest.fixture
def phone(browser):  # noqa: F811
    # headless Chromium keeps a window at least 500 px wide: the phone's width is emulated
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                            {"width": 390, "height": 844, "deviceScaleFactor": 3, "mobile": True})
    yield browser
    browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


@pytest.mark.parametrize("path", ["/inspections", "/penalties", "/ratings", "/performance"])
def test_charts_fit_a_phone(server_url, phone, charted, path):  # noqa: F811
    phone.get(f"{server_url}{path}")
    _interact_and_wait_for_dash(phone)
    _wait(phone, lambda driver: driver.find_elements("css selector", ".js-plotly-plot .bars"))
    phone.execute_script("window.scrollTo(0, document.body.scrollHeight)")
    charts, misfits = _wait(phone, lambda driver: (found := driver.execute_script(_MISFITS))[0] and found)
    assert not misfits, misfits
    assert charts and phone.execute_script("return document.documentElement.scrollWidth") == 390
