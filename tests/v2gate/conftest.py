"""One headless Chromium per test session (per xdist worker), for the HTML pages' tests."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.browser import start_chromium


@pytest.fixture(scope="session", name="browser")
def fixture_browser() -> Iterator[Any]:
    yield from start_chromium()
