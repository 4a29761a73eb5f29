"""In headless Chromium: once Dash has taken the QR pages over, the tab still shows the shop's name
(and the equipment's kind and place), not a generic title."""

from tests import factories
from tests.portal.test_browser import (  # noqa: F401 - fixtures and the module's skip mark
    _interact_and_wait_for_dash,
    _wait,
    browser,
    pytestmark,
    server_url,
)
from tests.portal.test_page_titles import LIFT, shop  # noqa: F401 - a fixture


def test_the_tab_keeps_the_name_after_dash_takes_over(server_url, browser, shop):  # noqa: F811
    for path, name in ((f"/b/{shop}", "广州市兰州云吞面"), (f"/e/{LIFT}", "Elevator · 2号客梯")):
        browser.get(f"{server_url}{path}?lang=en")
        assert browser.title.startswith(name)
        _interact_and_wait_for_dash(browser)
        _wait(browser, lambda driver, name=name: driver.execute_script("return document.title") == name)
    missing = factories.valid_code(999_996)
    browser.get(f"{server_url}/b/{missing}?lang=en")
    _interact_and_wait_for_dash(browser)
    _wait(browser, lambda driver: driver.execute_script("return document.title") == "Business not found")
