"""The real portal in headless Chromium on a phone-sized window: SSR first, then Dash takes over."""

import socket
import threading
import time
from pathlib import Path

import pytest

from backend.qr import signature

CHROMIUM, CHROMEDRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"
pytestmark = pytest.mark.skipif(
    not (Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()),
    reason="needs Debian's chromium and chromium-driver (apt-get install chromium chromium-driver)")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def server_url(db):
    """uvicorn in a thread of this process, so it reads this module's database."""
    import uvicorn

    port = _free_port()
    config = uvicorn.Config("portal.server:create_app", factory=True, host="127.0.0.1",
                            port=port, log_level="warning", lifespan="off")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, "uvicorn did not start"
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ("--headless", "--no-sandbox", "--disable-gpu",
                     "--disable-background-networking", "--disable-dev-shm-usage",
                     "--window-size=390,844"):
        options.add_argument(argument)
    # The assertions read English badges, whatever the machine's locale.
    options.add_experimental_option("prefs", {"intl.accept_languages": "en-US,en"})
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})  # CSP violations land here
    # An explicit driver path: selenium-manager must never try to download one.
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    yield driver
    driver.quit()


def _wait(driver, condition, timeout: float = 30):
    """Until `condition` holds; an element React re-rendered meanwhile (stale) means try again."""
    from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException
    from selenium.webdriver.support.ui import WebDriverWait

    ignored = (NoSuchElementException, StaleElementReferenceException)
    return WebDriverWait(driver, timeout, ignored_exceptions=ignored).until(condition)


def _click(element) -> bool:
    element.click()
    return True


def _dash_ready(driver) -> bool:
    return driver.execute_script(
        "return document.documentElement.getAttribute('data-dash') === 'ready'")


def _interact_and_wait_for_dash(driver) -> None:
    """Dash's scripts load on the reader's first interaction; a tap on the heading is one."""
    from selenium.webdriver.common.by import By

    driver.find_element(By.TAG_NAME, "h1").click()
    _wait(driver, _dash_ready)


def test_qr_page_is_readable_then_dash_takes_over(server_url, browser, seeded, tmp_path):
    from selenium.webdriver.common.by import By

    browser.get(f"{server_url}/b/{seeded.code}?s={signature.sign(seeded.code)}")
    # The server's HTML is on screen, and no Dash bundle has been fetched to show it.
    assert seeded.name in browser.find_element(By.TAG_NAME, "h1").text
    assert browser.execute_script("return typeof window.DashRenderer") == "undefined"
    assert browser.find_element(By.XPATH, "//*[text()='Expiring in 23 days']").is_displayed()
    _interact_and_wait_for_dash(browser)
    # What is shown now is React's rendering of the page, inside Dash's page container.
    assert browser.execute_script("return typeof window.DashRenderer") == "function"
    assert not browser.find_elements(By.ID, "ssr-view")
    content = browser.find_element(By.CSS_SELECTOR, "#react-entry-point #_pages_content")
    assert seeded.name in content.find_element(By.TAG_NAME, "h1").text
    badge = content.find_element(By.XPATH, "//*[contains(text(), 'Expiring in 23 days')]")
    assert badge.is_displayed()
    assert content.find_element(By.ID, "business-verified").is_displayed()
    browser.save_screenshot(str(tmp_path / "qr-page.png"))
    assert (tmp_path / "qr-page.png").stat().st_size > 1000


def test_search_callback_navigates_and_renders_results(server_url, browser, seeded):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    browser.get(f"{server_url}/")
    _interact_and_wait_for_dash(browser)
    field = browser.find_element(By.ID, "search-text")
    field.send_keys(seeded.name, Keys.ENTER)
    _wait(browser, lambda driver: "q=" in driver.current_url)
    # A dcc.Link: Dash's router renders the QR page without a reload. The results may render
    # twice (URL update, then callback), so find and click in one retried step.
    _wait(browser, lambda driver: _click(driver.find_element(
        By.CSS_SELECTOR, f"#search-results a[href='/b/{seeded.code}']")))
    _wait(browser, lambda driver: driver.find_elements(By.CSS_SELECTOR, ".card-licences"))
    assert f"/b/{seeded.code}" in browser.current_url


def test_plain_form_searches_before_dash_loads(server_url, browser, seeded):
    """Typing starts Dash's download, but Enter right away is a plain GET that still works."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    browser.get(f"{server_url}/")
    browser.find_element(By.NAME, "q").send_keys(seeded.name, Keys.ENTER)
    _wait(browser, lambda driver: driver.find_elements(
        By.CSS_SELECTOR, f"a[href='/b/{seeded.code}']"))
    assert "q=" in browser.current_url


def test_pages_run_under_the_content_security_policy(server_url, browser, seeded):
    """Dash takes over with the strict policy on: nothing the pages need is refused."""
    from selenium.webdriver.common.by import By

    browser.get_log("browser")  # only this test's messages count
    browser.get(f"{server_url}/b/{seeded.code}")
    _interact_and_wait_for_dash(browser)
    assert browser.find_element(By.CSS_SELECTOR, "#react-entry-point #_pages_content h1")
    refused = [entry["message"] for entry in browser.get_log("browser")
               if "Content Security Policy" in entry["message"]]
    assert not refused, refused
    injected = browser.execute_script(
        "var s = document.createElement('div'); s.innerHTML = '<img src=x onerror=\"window.pwned=1\">';"
        "document.body.appendChild(s); return new Promise(r => setTimeout(() => r(window.pwned), 300));")
    assert injected is None  # an injected inline handler does not run
