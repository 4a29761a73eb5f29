"""A refused form on a phone: the page comes back opened at the refused field, not at its top."""

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
def shop(db):
    factories.unit(db, id="U-TH", districts=("天河区",))
    code = factories.business(db, name="手机小馆")
    for number in range(6):  # a long page: the form to add one is screens below its top
        factories.staff_member(db, code, name=f"厨师{number}", expires_in_days=30 + number)
    return factories.user(db, role=Role.ENTERPRISE, business_code=code)


def test_a_refused_staff_member_opens_at_the_date_refused(server_url, browser, shop):  # noqa: F811
    from selenium.webdriver.common.by import By

    _sign_in(browser, server_url, shop)
    browser.get(f"{server_url}/me/papers")
    _wait(browser, lambda d: d.find_elements(By.ID, "papers-add"))
    browser.execute_script("document.getElementById('papers-add').closest('details').open = true")
    browser.find_element(By.ID, "papers-add-name").send_keys("王小二")
    browser.find_element(By.ID, "papers-add-number").send_keys("JK2026000123")
    future = factories.days_from_today(30).isoformat()
    for name, value in (("certificate_issued_on", future),
                        ("certificate_expires_on", factories.days_from_today(300).isoformat())):
        browser.execute_script("arguments[0].value = arguments[1]",
                               browser.find_element(By.ID, f"papers-add-{name}"), value)
    browser.find_element(By.ID, "papers-add-submit").click()
    _wait(browser, lambda d: d.find_elements(By.CSS_SELECTOR, "[aria-invalid=true]"))
    focused = browser.execute_script("return document.activeElement.id")
    assert focused == "papers-add-certificate_issued_on"
    assert browser.execute_script("return window.scrollY") > 0
