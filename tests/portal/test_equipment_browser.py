"""The equipment page in headless Chromium: a fault report is sent whether Dash has taken over the
page before the reader types, or takes it over while they type."""

import pytest

from backend.equipment import service as equipment
from backend.equipment.schemas import EquipmentCreate
from tests import factories
from tests.factories import ADMIN, days_from_today
from tests.portal.test_browser import (  # noqa: F401 - fixtures and the module's skip mark
    _click,
    _interact_and_wait_for_dash,
    _wait,
    browser,
    pytestmark,
    server_url,
)

CODE = "31104401062019000555"
FORM = f"form[action='/e/{CODE}/fault']"


@pytest.fixture(scope="module")
def lift(db):
    factories.unit(db, id="U-TH", districts=("天河区",))
    code = factories.business(db, name="时代写字楼", trade="special_equipment_user")
    equipment.register(db, actor=ADMIN, data=EquipmentCreate(
        code=CODE, registration_number="梯11粤A0000555(19)", kind="elevator", business_code=code,
        place="1号客梯", last_maintained_on=days_from_today(-20),
        next_inspection_on=days_from_today(30)))
    return code


def _visible(driver, selector: str):
    from selenium.common.exceptions import NoSuchElementException
    from selenium.webdriver.common.by import By

    for element in driver.find_elements(By.CSS_SELECTOR, selector):
        if element.is_displayed():
            return element
    raise NoSuchElementException(selector)


def _type(element, text: str) -> bool:
    """False (try again) when the field was swapped out from under the typing."""
    from selenium.common.exceptions import ElementNotInteractableException

    try:
        element.send_keys(text)
    except ElementNotInteractableException:
        return False
    return True


@pytest.mark.parametrize("dash_first", [True, False], ids=["dash-first", "typing-starts-dash"])
def test_a_fault_report_from_the_page_becomes_a_task(db, server_url, browser, lift,  # noqa: F811
                                                     dash_first):
    from selenium.webdriver.common.by import By

    db.rate_limits.delete_many({})
    browser.get(f"{server_url}/e/{CODE}")
    assert "Maintenance overdue" in browser.find_element(By.TAG_NAME, "article").text
    if dash_first:
        _interact_and_wait_for_dash(browser)
    text = f"轿厢异响 {dash_first}"
    # Typing is the first interaction when Dash was not loaded: it loads while the reader types.
    # A field may be swapped for React's copy between finding and typing: find it again then.
    _wait(browser, lambda driver: _type(_visible(driver, f"{FORM} textarea[name=text]"), text))
    _wait(browser, lambda driver: _type(_visible(driver, f"{FORM} input[name=phone]"),
                                        "13800004444"))
    _wait(browser, lambda driver: _click(_visible(driver, f"{FORM} button[type=submit]")))
    _wait(browser, lambda driver: driver.find_elements(By.ID, "fault-thanks"))
    task = db.tasks.find_one({"source": "equipment_fault", "ref": CODE, "detail": {"$regex": text}})
    assert task and task["detail"].endswith(": 13800004444") and task["detail"].count("138") == 1
