"""A consumer writes a review on the QR page in headless Chromium, before and after Dash takes over."""

from pathlib import Path

import pytest

from backend.reviews import scoring
from tests.backend.reviews.conftest import WordScorer
from tests.portal.test_browser import CHROMEDRIVER, CHROMIUM, _wait, browser, server_url  # noqa: F401

pytestmark = pytest.mark.skipif(
    not (Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()),
    reason="needs Debian's chromium and chromium-driver (apt-get install chromium chromium-driver)")


@pytest.fixture(scope="module")
def word_scorer():
    scoring.use(WordScorer())
    yield
    scoring.use(None)


def test_a_consumer_writes_a_review_on_the_qr_page(db, server_url, browser, seeded,  # noqa: F811
                                                   word_scorer):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    browser.delete_all_cookies()
    browser.get(f"{server_url}/b/{seeded.code}")
    text = browser.find_element(By.ID, "review-text")
    text.send_keys("服务员很热情，味道好，<b>推荐</b>")  # the first key press starts Dash's download
    Select(browser.find_element(By.NAME, "stars")).select_by_value("5")
    browser.find_element(By.TAG_NAME, "h1").click()  # leaving the fields lets Dash's copy in
    _wait(browser, lambda driver: driver.execute_script(
        "return document.documentElement.getAttribute('data-dash') === 'ready'"))
    kept = browser.find_element(By.NAME, "text").get_attribute("value")
    assert kept == "服务员很热情，味道好，<b>推荐</b>"  # nothing typed was lost in the takeover
    browser.find_element(By.CSS_SELECTOR, "#review-form button[type=submit]").click()
    _wait(browser, lambda driver: "your review is published" in driver.page_source)
    shown = browser.find_element(By.CSS_SELECTOR, ".card-reviews .reviews li p")
    assert shown.text == "服务员很热情，味道好，<b>推荐</b>"  # as text, not as bold HTML
    scoring.score_pending(db)
    browser.get(f"{server_url}/b/{seeded.code}")
    assert "1 review counted" in browser.find_element(By.CSS_SELECTOR, ".card-grade").text
