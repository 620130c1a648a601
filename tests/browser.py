"""A real headless Chromium, driven by Selenium, for the HTML report tests (no mocks of a browser)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from tests.redis_server import require_binary

INSTALL_HINT = (
    "chromium and chromedriver are not on PATH; install them (Debian/Ubuntu: "
    "`apt-get install chromium chromium-driver`) to run the HTML report tests in a browser"
)


def start_chromium() -> Iterator[Any]:
    """A headless Chromium session (skipped locally, failed under CI, when it is missing)."""
    binary = require_binary("chromium", INSTALL_HINT)
    driver_binary = require_binary("chromedriver", INSTALL_HINT)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = binary
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,900"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(options=options, service=Service(driver_binary))
    try:
        yield driver
    finally:
        driver.quit()


def console_errors(driver: Any) -> list[str]:
    """The browser console's errors since the last call (the log is drained by reading it)."""
    return [entry["message"] for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]


def blank_size(driver: Any) -> int:
    """The size of a PNG screenshot of an empty page in this browser window (about 4.5 KB at
    1280x900): a screenshot of a drawn page compresses far worse."""
    driver.get("data:text/html,<body></body>")
    return len(driver.get_screenshot_as_png())


def not_blank(driver: Any, png: bytes, blank: int) -> bool:
    """A PNG screenshot that holds a drawn page: at least 5 times the empty page's size."""
    return png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 5 * blank
