"""Formatters: exact text and JSON renderings of a hand-built report, and the registry."""

from __future__ import annotations

import json

import pytest

from v2gate.formatters import FORMATTERS, UnknownFormatError, get_formatter
from v2gate.report import FileSummary, Report
from v2gate.violation import Violation

FILES = [
    FileSummary("pkg/mod.py", 120, 8, 2, 14, 3, 1),
    FileSummary("a.py", 0, 0, 0, 0, 0, 0),
    FileSummary("bad.py", 2, 0, 0, 0, 0, 0, error="invalid syntax"),
]
VIOLATIONS = [
    Violation(
        "pkg/mod.py",
        10,
        5,
        "V204",
        "max-complexity",
        "Store.load",
        14,
        10,
        "Store.load has cyclomatic complexity 14 (limit 10)",
    ),
    Violation("pkg/mod.py", 1, 1, "V201", "max-file-lines", None, 120, 100, "file has 120 lines (limit 100)"),
    Violation("bad.py", 2, 3, "V200", "parse-error", None, None, None, "invalid syntax"),
    Violation(
        "pkg/mod.py",
        10,
        5,
        "V205",
        "max-parameters",
        "Store.load",
        7,
        5,
        "Store.load has 7 parameters (limit 5)",
    ),
]
REPORT = Report.build(FILES, VIOLATIONS)

EXPECTED_TEXT = """\
bad.py:2:3: V200 invalid syntax
pkg/mod.py:1:1: V201 file has 120 lines (limit 100)
pkg/mod.py:10:5: V204 Store.load has cyclomatic complexity 14 (limit 10)
pkg/mod.py:10:5: V205 Store.load has 7 parameters (limit 5)
Checked 3 files: 4 violations.
"""

EXPECTED_JSON = {
    "version": 1,
    "summary": {"files": 3, "violations": 4, "passed": False},
    "violations": [
        {
            "path": "bad.py",
            "line": 2,
            "column": 3,
            "code": "V200",
            "rule": "parse-error",
            "symbol": None,
            "value": None,
            "limit": None,
            "message": "invalid syntax",
        },
        {
            "path": "pkg/mod.py",
            "line": 1,
            "column": 1,
            "code": "V201",
            "rule": "max-file-lines",
            "symbol": None,
            "value": 120,
            "limit": 100,
            "message": "file has 120 lines (limit 100)",
        },
        {
            "path": "pkg/mod.py",
            "line": 10,
            "column": 5,
            "code": "V204",
            "rule": "max-complexity",
            "symbol": "Store.load",
            "value": 14,
            "limit": 10,
            "message": "Store.load has cyclomatic complexity 14 (limit 10)",
        },
        {
            "path": "pkg/mod.py",
            "line": 10,
            "column": 5,
            "code": "V205",
            "rule": "max-parameters",
            "symbol": "Store.load",
            "value": 7,
            "limit": 5,
            "message": "Store.load has 7 parameters (limit 5)",
        },
    ],
    "files": [
        {
            "path": "a.py",
            "lines": 0,
            "functions": 0,
            "classes": 0,
            "max_complexity": 0,
            "max_parameters": 0,
            "max_inheritance_depth": 0,
        },
        {
            "path": "bad.py",
            "lines": 2,
            "functions": 0,
            "classes": 0,
            "max_complexity": 0,
            "max_parameters": 0,
            "max_inheritance_depth": 0,
            "error": "invalid syntax",
        },
        {
            "path": "pkg/mod.py",
            "lines": 120,
            "functions": 8,
            "classes": 2,
            "max_complexity": 14,
            "max_parameters": 3,
            "max_inheritance_depth": 1,
        },
    ],
}


def test_text_is_sorted_by_path_line_column_code_with_a_summary() -> None:
    assert get_formatter("text")(REPORT, color=False) == EXPECTED_TEXT


def test_text_colours_only_when_asked() -> None:
    coloured = get_formatter("text")(REPORT, color=True)
    assert "\x1b[" in coloured
    assert "\x1b[" not in get_formatter("text")(REPORT, color=False)


# (files, violations, summary line) — plural and singular forms
SUMMARIES = [
    (FILES[:1], [], "Checked 1 file: no violations."),
    (FILES, VIOLATIONS[:1], "Checked 3 files: 1 violation."),
    ([], [], "Checked 0 files: no violations."),
]


@pytest.mark.parametrize(("files", "violations", "summary"), SUMMARIES)
def test_text_summary_line(files: list[FileSummary], violations: list[Violation], summary: str) -> None:
    text = get_formatter("text")(Report.build(files, violations), color=False)
    assert text.splitlines()[-1] == summary


def test_json_has_exactly_the_documented_shape() -> None:
    text = get_formatter("json")(REPORT, color=True)
    assert json.loads(text) == EXPECTED_JSON
    assert "\x1b[" not in text


def test_passed_report_in_json() -> None:
    data = json.loads(get_formatter("json")(Report.build(FILES[:2], []), color=False))
    assert data["summary"] == {"files": 2, "violations": 0, "passed": True}
    assert data["violations"] == []


def test_registry_names_and_unknown_format() -> None:
    assert sorted(FORMATTERS) == ["github", "gitlab", "json", "junit", "markdown", "sarif", "text"]
    with pytest.raises(
        UnknownFormatError,
        match="unknown format 'xml'; choose one of: github, gitlab, json, junit, markdown, sarif, text",
    ):
        get_formatter("xml")
