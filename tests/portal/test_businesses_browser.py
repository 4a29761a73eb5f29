"""The businesses desk in headless Chromium on a phone-sized window: an officer registers a newly
licensed shop through the plain form, is told so with its sticker, and nothing runs off the side."""

import pytest

from backend.users.schemas import Role
from tests import factories
from tests.portal.test_browser import (  # noqa: F401 - fixtures shared with the QR-page browser tests
    _wait,
    browser,
    pytestmark,
    server_url,
)
from tests.portal.test_workspace_browser import _sign_in


@pytest.fixture(scope="module")
def officer(db):
    factories.unit(db, id="U-TH", districts=("天河区",))
    factories.business(db, name="手机桌面老店")
    return factories.user(db, role=Role.OFFICER, officer_id=factories.officer(db))


def _fits(driver) -> bool:  # noqa: ANN001
    return driver.execute_script("return document.documentElement.scrollWidth <= window.innerWidth")


def test_an_officer_registers_a_shop_on_a_phone(server_url, browser, officer, db):  # noqa: F811
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    browser.set_window_size(390, 844)
    _sign_in(browser, server_url, officer)
    browser.get(f"{server_url}/me/businesses")
    assert "手机桌面老店" in browser.page_source and _fits(browser)
    browser.find_element(By.LINK_TEXT, "Register a business").click()
    _wait(browser, lambda d: d.current_url.endswith("/me/businesses/new"))
    assert _fits(browser)
    code = factories.valid_code()
    browser.find_element(By.ID, "business-register-code").send_keys(code)
    browser.find_element(By.ID, "business-register-name").send_keys("手机登记小吃")
    Select(browser.find_element(By.ID, "business-register-trade")).select_by_value("food_sales")
    browser.find_element(By.ID, "business-register-address").send_keys("天河区天河路9号")
    browser.find_element(By.ID, "business-register-submit").click()
    _wait(browser, lambda d: "done=registered" in d.current_url)
    assert "The business is registered" in browser.page_source and _fits(browser)
    assert browser.find_element(By.CSS_SELECTOR, f"a[href='/qr/{code}/sticker.pdf']")
    assert db.businesses.find_one({"code": code})["trade"] == "food_sales"
