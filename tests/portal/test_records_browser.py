"""/inspections in headless Chromium: readable at once, then Dash draws the Plotly charts under
the strict Content-Security-Policy."""

import pytest

from tests import factories
from tests.portal.test_browser import (  # noqa: F401 - fixtures shared with the QR page's tests
    _interact_and_wait_for_dash,
    _wait,
    browser,
    pytestmark,
    server_url,
)


@pytest.fixture(scope="module")
def inspected(db):
    officers = [factories.officer(db), factories.officer(db)]
    code = factories.business(db, name="图表餐馆")
    factories.inspection(db, code, officers, days_ago=3, result="basically_compliant")
    return code


def test_inspections_page_draws_its_charts(server_url, browser, inspected):  # noqa: F811
    from selenium.webdriver.common.by import By

    browser.get_log("browser")
    browser.get(f"{server_url}/inspections")
    assert "图表餐馆" in browser.find_element(By.CSS_SELECTOR, ".rows").text
    _interact_and_wait_for_dash(browser)
    _wait(browser, lambda driver: driver.find_elements(By.CSS_SELECTOR, ".js-plotly-plot .bars"))
    refused = [entry["message"] for entry in browser.get_log("browser")
               if "Content Security Policy" in entry["message"]]
    assert not refused, refused
