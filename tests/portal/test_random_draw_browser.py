"""The random-draw plan page on a phone: the verify command wraps instead of scrolling out of sight."""

from backend.random_draw import service
from backend.random_draw.schemas import PlanCreate
from tests import factories
from tests.factories import ADMIN
from tests.portal.test_browser import _wait, browser, pytestmark, server_url  # noqa: F401 - fixtures

WIDE = "var card = document.querySelector('.card-publication'); return card.scrollWidth - card.clientWidth;"


def test_the_verify_command_fits_a_390px_screen(db, server_url, browser):  # noqa: F811 - fixtures
    factories.unit(db, id="U-PHONE", districts=("南沙区",))
    factories.business(db, district="南沙区")
    plan = service.create(db, actor=ADMIN, data=PlanCreate(name="手机上的计划", unit_id="U-PHONE"))
    service.publish(db, actor=ADMIN, plan_id=plan.id)
    # headless Chromium keeps a window at least 500 px wide: the phone's width is emulated
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                            {"width": 390, "height": 844, "deviceScaleFactor": 2, "mobile": True})
    browser.get(f"{server_url}/random-draws/{plan.id}")
    _wait(browser, lambda driver: driver.execute_script("return !!document.querySelector('pre.command')"))
    assert browser.execute_script("return document.documentElement.clientWidth") == 390
    assert browser.execute_script(WIDE) <= 0, "the publication card scrolls sideways"
    browser.execute_script("document.querySelector('pre.command').style.whiteSpace = 'pre'")
    assert browser.execute_script(WIDE) > 0  # unwrapped, the command would not fit: the test sees it
