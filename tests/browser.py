"""A real headless Chromium, driven by Selenium, for the HTML report tests (no mocks of a browser)."""

from __future__ import annotations

import struct
import zlib
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


def distinct_rows(png: bytes) -> int:
    """How many distinct (filtered) pixel rows start a screenshot's rows: 1 or 2 for a blank page."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    chunks, offset = [], 8
    width = depth_bytes = 0
    while offset < len(png):
        (length,) = struct.unpack(">I", png[offset : offset + 4])
        kind, data = png[offset + 4 : offset + 8], png[offset + 8 : offset + 8 + length]
        if kind == b"IHDR":
            width = struct.unpack(">I", data[:4])[0]
            depth_bytes = {2: 3, 6: 4}[data[9]]
        elif kind == b"IDAT":
            chunks.append(data)
        offset += 12 + length
    raw = zlib.decompress(b"".join(chunks))
    stride = width * depth_bytes + 1
    samples = {raw[row * stride + 1 : row * stride + 1 + 64] for row in range(len(raw) // stride)}
    return len(samples)
