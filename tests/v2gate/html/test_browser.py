"""The HTML report in a real headless Chromium: no console errors, rows, sorting, links, pixels."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from selenium.webdriver.common.by import By

from tests.browser import blank_size, console_errors, not_blank


def open_page(browser: Any, page: Path) -> None:
    browser.get(page.as_uri())
    console_errors(browser)  # drain: each test reads only its own page's errors


def test_the_fixture_report_has_its_rows_and_no_console_errors(browser: Any, fixture_report: Path) -> None:
    browser.get(fixture_report.as_uri())
    assert console_errors(browser) == []
    rows = browser.find_elements(By.CSS_SELECTOR, "#files tbody tr")
    assert [row.find_element(By.TAG_NAME, "td").text for row in rows] == [
        "app/__init__.py",
        "app/errors.py",
        "app/logic.py",
        "app/ok.py",
    ]
    assert browser.find_element(By.ID, "verdict").text == "4 files checked: 3 violations."
    # plotly drew the treemap: one rectangle per node (root, app, four files)
    assert len(browser.find_elements(By.CSS_SELECTOR, "#treemap g.slice")) >= 5


def test_clicking_a_header_sorts_the_table(browser: Any, fixture_report: Path) -> None:
    open_page(browser, fixture_report)
    header = browser.find_elements(By.CSS_SELECTOR, "#files thead th")[1]  # lines
    header.click()
    lines = [
        int(cell.get_attribute("data-sort"))
        for cell in browser.find_elements(By.CSS_SELECTOR, "#files tbody tr td:nth-child(2)")
    ]
    assert lines == sorted(lines)
    header.click()
    lines = [
        int(cell.get_attribute("data-sort"))
        for cell in browser.find_elements(By.CSS_SELECTOR, "#files tbody tr td:nth-child(2)")
    ]
    assert lines == sorted(lines, reverse=True)
    assert "desc" in header.get_attribute("class")


def test_the_filter_hides_rows(browser: Any, fixture_report: Path) -> None:
    open_page(browser, fixture_report)
    browser.find_element(By.ID, "over-only").click()
    shown = [
        row.text.split()[0]
        for row in browser.find_elements(By.CSS_SELECTOR, "#files tbody tr")
        if row.is_displayed()
    ]
    assert shown == ["app/errors.py", "app/logic.py"]
    browser.find_element(By.ID, "filter").send_keys("err")
    shown = [
        row.text.split()[0]
        for row in browser.find_elements(By.CSS_SELECTOR, "#files tbody tr")
        if row.is_displayed()
    ]
    assert shown == ["app/errors.py"]


def test_a_violation_link_lands_on_its_source_line(browser: Any, fixture_report: Path) -> None:
    open_page(browser, fixture_report)
    link = next(
        a for a in browser.find_elements(By.CSS_SELECTOR, "a.violation") if a.text == "app/logic.py:9"
    )
    link.click()
    assert browser.execute_script("return location.hash") == "#L9"
    target = browser.find_element(By.ID, "L9")
    assert target.text == "9def g(a, b, c):"
    assert browser.execute_script("return document.querySelector(':target').id") == "L9"
    top = browser.execute_script("return document.getElementById('L9').getBoundingClientRect().top")
    assert 0 <= top < browser.execute_script("return window.innerHeight")
    assert console_errors(browser) == []


def test_a_file_page_shows_definitions_and_explain(browser: Any, fixture_report: Path) -> None:
    open_page(browser, fixture_report.parent / "files" / "00002.html")
    assert "g" in browser.find_element(By.ID, "definitions").text
    explains = [
        pre.get_attribute("textContent") for pre in browser.find_elements(By.CSS_SELECTOR, "pre.explain")
    ]
    assert any(text.startswith("app/logic.py:9: function g\nV204") for text in explains)
    assert any("V205 parameters 3 (limit 2):" in text for text in explains)


def test_the_repository_report_renders_every_file(browser: Any, repo_report: Path, tmp_path: Path) -> None:
    blank = blank_size(browser)
    browser.get(repo_report.as_uri())
    assert console_errors(browser) == []
    rows = browser.find_elements(By.CSS_SELECTOR, "#files tbody tr")
    pages = list((repo_report.parent / "files").iterdir())
    assert len(rows) == len(pages) > 100
    assert any(row.text.startswith("v2gate/html/site.py") for row in rows)
    png = browser.get_screenshot_as_png()
    (tmp_path / "report.png").write_bytes(png)
    assert not_blank(browser, png, blank)
