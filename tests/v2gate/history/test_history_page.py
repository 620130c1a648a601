"""`history --html DIR` in a real headless Chromium: a chart per rule, a row per commit, no errors."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from selenium.webdriver.common.by import By

from tests.browser import blank_size, console_errors, not_blank
from tests.v2gate.history.repo import COMMITS
from v2gate.cli import main


def test_the_history_page(
    history_repo: Path,
    tmp_path: Path,
    browser: Any,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(history_repo)
    assert main(["history", "--no-cache", "--html", str(tmp_path / "site")]) == 0
    assert (
        capsys.readouterr().out == f"Wrote {(tmp_path / 'site').as_posix()}/index.html: {COMMITS} commits.\n"
    )
    blank = blank_size(browser)
    browser.get((tmp_path / "site" / "index.html").as_uri())
    assert console_errors(browser) == []
    rows = browser.find_elements(By.CSS_SELECTOR, "#commits tbody tr")
    assert len(rows) == COMMITS
    assert rows[0].text.endswith("change 30")  # newest first
    charts = browser.find_elements(By.CSS_SELECTOR, "#charts .chart")
    assert len(charts) == 7
    assert all(chart.find_elements(By.CSS_SELECTOR, "path.js-line") for chart in charts)
    assert not_blank(browser, browser.get_screenshot_as_png(), blank)
