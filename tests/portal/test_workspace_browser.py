"""The workspaces in headless Chromium: a business evaluates an officer, an officer records an
inspection in four steps, is told so in the workspace and then sees it on the QR page."""

import pytest

from backend.inspections import checklists
from backend.users.schemas import Role
from tests import factories
from tests.portal.test_browser import (  # noqa: F401 - fixtures shared with the QR-page browser tests
    _interact_and_wait_for_dash,
    _wait,
    browser,
    pytestmark,
    server_url,
)


@pytest.fixture(scope="module")
def scene(db):
    factories.unit(db, id="U-TH", districts=("天河区",))
    first, second = factories.officer(db, name="冯执法"), factories.officer(db, name="陈执法")
    code = factories.business(db, name="浏览器小馆")
    inspection = factories.inspection(db, code, [first, second])
    return {"code": code, "first": first, "second": second, "inspection": inspection,
            "shop": factories.user(db, role=Role.ENTERPRISE, business_code=code),
            "officer": factories.user(db, role=Role.OFFICER, officer_id=second)}


def _sign_in(driver, server_url, username):  # noqa: F811 - the fixture's value
    from selenium.webdriver.common.by import By

    driver.delete_all_cookies()
    driver.get(f"{server_url}/login?next=/me")
    _interact_and_wait_for_dash(driver)  # a real reader's sign-in form is Dash's by now
    driver.find_element(By.ID, "login-username").send_keys(username)
    driver.find_element(By.ID, "login-password").send_keys(factories.PASSWORD)
    driver.find_element(By.CSS_SELECTOR, "#login-form button[type=submit]").click()
    _wait(driver, lambda d: d.current_url.endswith("/me"))


def test_an_enterprise_evaluates_an_officer(server_url, browser, scene, db):  # noqa: F811
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    _sign_in(browser, server_url, scene["shop"])
    prefix = f"evaluate-{scene['inspection']}"
    # /me is drawn by Dash after the sign-in form's navigation: wait for the form, not just the URL.
    _wait(browser, lambda d: d.find_elements(By.ID, f"{prefix}-officer"))
    Select(browser.find_element(By.ID, f"{prefix}-officer")).select_by_value(scene["first"])
    Select(browser.find_element(By.ID, f"{prefix}-level")).select_by_visible_text("Dissatisfied")
    browser.find_element(By.ID, f"{prefix}-comment").send_keys("检查时未出示执法证")
    browser.find_element(By.ID, f"{prefix}-submit").click()
    _wait(browser, lambda d: "done=evaluated" in d.current_url)
    page = browser.find_element(By.TAG_NAME, "main").text
    assert "your evaluation is recorded" in page
    assert "Follow-up open" in page and "检查时未出示执法证" in page
    evaluation = db.evaluations.find_one({"inspection_id": scene["inspection"]})
    assert evaluation["level"] == "dissatisfied" and evaluation["officer_id"] == scene["first"]
    assert db.tasks.count_documents({"ref": str(evaluation["_id"])}) == 1


def test_an_officer_records_an_inspection_that_shows_on_the_qr_page(server_url, browser, scene):  # noqa: F811
    from selenium.webdriver.common.by import By

    def find(how, what):  # each step is a page load: wait for it, however busy the machine
        return _wait(browser, lambda d: d.find_element(how, what))

    _sign_in(browser, server_url, scene["officer"])
    find(By.LINK_TEXT, "Record an inspection").click()
    find(By.ID, "inspect-search").send_keys("浏览器")
    find(By.CSS_SELECTOR, "form button[type=submit]").click()
    find(By.LINK_TEXT, "浏览器小馆").click()
    # step 2: a minor problem in food storage, each other item answered "no problem" (none is preselected)
    for n in range(len(checklists.FOOD_CHECKLIST)):
        find(By.ID, f"item-{n}-minor" if n == 4 else f"item-{n}-ok").click()
    find(By.ID, "note-4").send_keys("冷藏冰箱除霜不及时")
    find(By.ID, "inspect-show-result").click()
    # step 3: the result shows; step 4: co-inspector, opinion, deadline (proposed already)
    assert "Basically compliant" in find(By.ID, "inspect-result").text
    find(By.ID, f"inspect-co-{scene['first']}").click()
    find(By.ID, "field-opinion").send_keys("当场指出，限期整改")
    find(By.ID, "inspect-record").click()
    # back in the workspace, which says so and links to the record as published
    _wait(browser, lambda d: "/me?done=inspected" in d.current_url)
    assert "The inspection is recorded and published." in find(By.CSS_SELECTOR, ".notice-ok").text
    find(By.LINK_TEXT, "Public record").click()
    _wait(browser, lambda d: f"/b/{scene['code']}" in d.current_url)
    inspections = find(By.CSS_SELECTOR, ".card-inspections").text
    assert "Basically compliant" in inspections
    assert "Food storage: 冷藏冰箱除霜不及时" in inspections and "当场指出，限期整改" in inspections
    assert "冯执法" in inspections and "陈执法" in inspections


def test_the_workspace_takes_a_wide_screen_and_public_pages_keep_their_column(
        server_url, browser, scene):  # noqa: F811
    from selenium.webdriver.common.by import By

    def width(driver) -> int:  # noqa: ANN001
        return driver.execute_script("return document.querySelector('main').offsetWidth")

    _sign_in(browser, server_url, scene["officer"])
    browser.set_window_size(1280, 900)
    try:
        assert width(browser) > 1000   # /me: plain HTML
        browser.get(f"{server_url}/me/reviews")
        _interact_and_wait_for_dash(browser)   # Dash has taken over: the width is kept
        assert width(browser) > 1000
        browser.find_element(By.CSS_SELECTOR, ".nav a[href='/ratings']").click()   # Dash's routing
        _wait(browser, lambda d: d.current_url.endswith("/ratings") and width(d) < 720)
    finally:
        browser.set_window_size(390, 844)
