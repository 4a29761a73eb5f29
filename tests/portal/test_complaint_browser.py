"""In Chromium: a consumer complains from a QR page, the officer closes it from the inbox, and
the tracking page shows it closed."""

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select

from backend.qr import signature
from backend.users.schemas import Role
from tests import factories
from tests.portal.test_browser import _wait, browser, pytestmark, server_url  # noqa: F401 - fixtures


def test_complaint_from_qr_page_to_closed(server_url, browser, db):  # noqa: F811
    factories.unit(db, id="U-TH", districts=("天河区",))
    officer = factories.user(db, role=Role.OFFICER, officer_id=factories.officer(db, name="孙执法"))
    code = factories.business(db, district="天河区", name="浏览器测试餐厅")

    # The consumer, on a phone, from the sticker's page.
    browser.delete_all_cookies()
    browser.get(f"{server_url}/b/{code}?s={signature.sign(code)}")
    browser.find_element(By.CSS_SELECTOR, f"a[href='/complain/{code}']").click()
    _wait(browser, lambda driver: driver.find_elements(By.ID, "complaint-form"))
    Select(browser.find_element(By.NAME, "category")).select_by_value("expired_food")
    browser.find_element(By.NAME, "text").send_keys("冰柜里的酸奶过期三天了")
    browser.find_element(By.CSS_SELECTOR, "#complaint-form button[type=submit]").click()
    tracking = _wait(browser, lambda driver: driver.find_element(By.ID, "tracking-code")).text
    assert len(tracking) >= 10

    # The officer signs in and finds it at the top of the inbox.
    browser.delete_all_cookies()
    browser.get(f"{server_url}/login?next=/tasks")
    browser.find_element(By.NAME, "username").send_keys(officer)
    browser.find_element(By.NAME, "password").send_keys(factories.PASSWORD, Keys.ENTER)
    _wait(browser, lambda driver: driver.find_elements(By.ID, "task-inbox"))
    browser.find_element(By.PARTIAL_LINK_TEXT, "酸奶过期").click()
    _wait(browser, lambda driver: driver.find_elements(By.ID, "task-close"))
    browser.find_element(By.ID, "field-close-result").send_keys("已现场下架并立案调查")
    browser.find_element(By.CSS_SELECTOR, "#task-close button[type=submit]").click()
    _wait(browser, lambda driver: not driver.find_elements(By.ID, "task-close"))

    # Anyone with the code sees the closed state and the answer.
    browser.delete_all_cookies()
    browser.get(f"{server_url}/track/{tracking}")
    assert browser.find_element(By.ID, "track-status").text == "Closed"  # the browser reads English
    assert "已现场下架并立案调查" in browser.find_element(By.TAG_NAME, "main").text


def test_performance_chart_draws_once_dash_takes_over(server_url, browser, db):  # noqa: F811
    from tests.portal.test_browser import _interact_and_wait_for_dash

    factories.unit(db, id="U-TH", districts=("天河区",))
    browser.get(f"{server_url}/performance")
    assert browser.find_element(By.ID, "performance-table").is_displayed()  # before any script
    _interact_and_wait_for_dash(browser)
    _wait(browser, lambda driver: driver.find_elements(By.CSS_SELECTOR, "#performance-chart .main-svg"))
