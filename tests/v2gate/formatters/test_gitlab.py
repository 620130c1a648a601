"""`--format gitlab`: GitLab Code Quality issues; fingerprints survive reruns and moved code."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from v2gate.cli import main


def run_gitlab(capsys: pytest.CaptureFixture[str], *argv: str) -> list[dict[str, Any]]:
    """The Code Quality issues `main` prints for `argv`."""
    main(["--format", "gitlab", *argv])
    issues: list[dict[str, Any]] = json.loads(capsys.readouterr().out)
    return issues


def issue(code: str, message: str, path: str, line: int, category: str = "Complexity") -> dict[str, Any]:
    """An expected issue without its fingerprint."""
    return {
        "type": "issue",
        "check_name": code,
        "description": message,
        "categories": [category],
        "severity": "major",
        "location": {"path": path, "lines": {"begin": line}},
    }


def test_issues_exact(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    issues = run_gitlab(capsys)
    fingerprints = [found.pop("fingerprint") for found in issues]
    assert issues == [
        issue("V206", "DbTimeout → DbError → AppError → ValueError (depth 3 > 2)", "app/errors.py", 9),
        issue("V204", "f has cyclomatic complexity 3 (limit 2)", "app/logic.py", 1),
        issue("V205", "g has 3 parameters (limit 2)", "app/logic.py", 9),
    ]
    assert len(set(fingerprints)) == 3 and all(isinstance(value, str) and value for value in fingerprints)
    assert run_gitlab(capsys, "app/ok.py") == []


def test_a_parse_error_is_critical(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "broken.py").write_text("def f(:\n    pass\n", encoding="utf-8")
    [found] = run_gitlab(capsys, "broken.py")
    assert (found["check_name"], found["severity"], found["categories"]) == ("V200", "critical", ["Bug Risk"])
    assert found["location"] == {"path": "broken.py", "lines": {"begin": 1}}


def fingerprints_by_line(capsys: pytest.CaptureFixture[str]) -> dict[tuple[str, int], str]:
    """(code, line) -> fingerprint for a whole-project run."""
    return {
        (found["check_name"], found["location"]["lines"]["begin"]): found["fingerprint"]
        for found in run_gitlab(capsys)
    }


def test_fingerprints_survive_reruns_and_moved_code(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = fingerprints_by_line(capsys)
    assert fingerprints_by_line(capsys) == first
    logic = project / "app" / "logic.py"
    text = logic.read_text(encoding="utf-8")
    # move f below g and push both down: lines change, identities do not
    f_source, g_source = text.split("\n\n\n")
    logic.write_text(f"import os\n\n\n{g_source}\n\n{f_source}", encoding="utf-8")
    moved = fingerprints_by_line(capsys)
    assert set(moved) == {("V206", 9), ("V205", 4), ("V204", 8)}
    assert sorted(moved.values()) == sorted(first.values())
    assert moved[("V204", 8)] == first[("V204", 1)]
    # a renamed function is a new finding
    logic.write_text(f"{f_source.replace('def f', 'def h')}\n\n\n{g_source}", encoding="utf-8")
    renamed = fingerprints_by_line(capsys)
    assert renamed[("V204", 1)] not in first.values()
    assert renamed[("V205", 9)] == first[("V205", 9)]


SAME_NAME = """\
import sys

if sys.platform == "win32":
    def run(a, b, c):
        pass
else:
    def run(a, b, c, d):
        pass
"""


def test_two_violations_with_the_same_key_get_distinct_stable_fingerprints(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "twice.py").write_text(SAME_NAME, encoding="utf-8")
    first = run_gitlab(capsys, "twice.py")
    located = [(found["check_name"], found["location"]["lines"]["begin"]) for found in first]
    assert located == [("V205", 4), ("V205", 7)]
    assert first[0]["fingerprint"] != first[1]["fingerprint"]
    again = run_gitlab(capsys, "twice.py")
    assert [found["fingerprint"] for found in again] == [found["fingerprint"] for found in first]
