"""`--format junit`: well-formed JUnit XML, parsed back with xml.etree; counts and failures exact."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from v2gate.cli import main
from v2gate.formatters.junit import format_junit
from v2gate.report import FileSummary, Report
from v2gate.violation import Violation


def run_junit(capsys: pytest.CaptureFixture[str], *argv: str) -> ET.Element:
    """The parsed `<testsuites>` root `main` prints for `argv`."""
    main(["--format", "junit", *argv])
    out = capsys.readouterr().out
    assert out.startswith("<?xml version='1.0' encoding='utf-8'?>\n<testsuites")
    return ET.fromstring(out)


def counts(element: ET.Element) -> tuple[str | None, ...]:
    """(name, tests, failures, errors) attributes of a suite element."""
    return tuple(element.get(key) for key in ("name", "tests", "failures", "errors"))


def test_one_testcase_per_file_and_a_failure_per_violation(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = run_junit(capsys)
    assert root.tag == "testsuites"
    [suite] = root
    assert counts(root) == counts(suite) == ("quality-gates", "4", "2", "0")
    cases = [(case.get("classname"), case.get("name"), len(case)) for case in suite.iter("testcase")]
    assert cases == [
        ("app.__init__", "app/__init__.py", 0),
        ("app.errors", "app/errors.py", 1),
        ("app.logic", "app/logic.py", 2),
        ("app.ok", "app/ok.py", 0),
    ]
    failures = [
        (failure.get("type"), failure.get("message"), failure.text) for failure in suite.iter("failure")
    ]
    assert failures == [
        (
            "V206",
            "DbTimeout → DbError → AppError → ValueError (depth 3 > 2)",
            "app/errors.py:9:1: V206 DbTimeout → DbError → AppError → ValueError (depth 3 > 2)",
        ),
        (
            "V204",
            "f has cyclomatic complexity 3 (limit 2)",
            "app/logic.py:1:1: V204 f has cyclomatic complexity 3 (limit 2)",
        ),
        ("V205", "g has 3 parameters (limit 2)", "app/logic.py:9:1: V205 g has 3 parameters (limit 2)"),
    ]


def test_a_passing_run_has_no_failures(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = run_junit(capsys, "app/ok.py", "app/__init__.py")
    assert counts(root[0]) == ("quality-gates", "2", "0", "0")
    assert list(root.iter("failure")) == []


# (message with characters XML 1.0 forbids or must escape, what a parser reads back)
MESSAGES = [
    ("nul\x00 bell\x07 esc\x1b[0m", "nul bell esc[0m"),
    ("surrogate \ud800 and \ufffe", "surrogate  and "),
    ("<tag attr=\"x\"> & 'quoted'", "<tag attr=\"x\"> & 'quoted'"),
    ("tab\tline\nbreak", "tab\tline\nbreak"),
    ("emoji 🐍 and → arrow", "emoji 🐍 and → arrow"),
]


@pytest.mark.parametrize(("message", "parsed"), MESSAGES)
def test_messages_are_escaped_or_stripped(message: str, parsed: str) -> None:
    violation = Violation("bad\x01.py", 1, 1, "V200", "parse-error", None, None, None, message)
    report = Report.build([FileSummary("bad\x01.py", 1, 0, 0, 0, 0, 0, error=message)], [violation])
    failure = ET.fromstring(format_junit(report, color=False).encode("utf-8")).find(
        "./testsuite/testcase/failure"
    )
    assert failure is not None
    assert (failure.get("message"), failure.get("type")) == (parsed, "V200")
    assert failure.text == f"bad.py:1:1: V200 {parsed}"
