"""`--no-suppress` and `--report-suppressed` through `main([...])`: exact text and JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.v2gate.projects import write_project
from v2gate.cli import main

SOURCE = """\
# quality-gates: noqa V201
def load(path, mode, encoding):  # noqa: V205
    return path


def save(path, mode, encoding):  # noqa: V204
    return path
"""

V201 = "mod.py:1:1: V201 file has 7 lines (limit 3)"
LOAD = "mod.py:2:1: V205 load has 3 parameters (limit 2)"
SAVE = "mod.py:6:1: V205 save has 3 parameters (limit 2)"
DEAD = "mod.py:6:1: V299 unused suppression: save has no V204 violation; remove V204 from this comment"

# (extra argv, exact text report)
TEXT_CASES = [
    # default: suppressed ones hidden, the dead V204 code reported
    ([], f"{SAVE}\n{DEAD}\nChecked 1 file: 2 violations.\n"),
    # listed in an indented section after the violations, with the comment that silenced each
    (
        ["--report-suppressed"],
        (
            f"{SAVE}\n{DEAD}\nSuppressed:\n"
            f"  {V201} [quality-gates: noqa on line 1]\n"
            f"  {LOAD} [noqa on line 2]\n"
            "Checked 1 file: 2 violations; 2 suppressed.\n"
        ),
    ),
    # audit mode: every comment ignored, so nothing is suppressed and nothing is dead
    (["--no-suppress"], f"{V201}\n{LOAD}\n{SAVE}\nChecked 1 file: 3 violations.\n"),
    (
        ["--no-suppress", "--report-suppressed"],
        f"{V201}\n{LOAD}\n{SAVE}\nChecked 1 file: 3 violations; 0 suppressed.\n",
    ),
]


@pytest.fixture(name="project")
def fixture_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    files = {
        "pyproject.toml": "[tool.quality-gates]\nmax-parameters = 2\nmax-file-lines = 3\n",
        "mod.py": SOURCE,
    }
    monkeypatch.chdir(write_project(tmp_path, files))
    return tmp_path


@pytest.mark.parametrize(("argv", "expected"), TEXT_CASES)
def test_text(project: Path, capsys: pytest.CaptureFixture[str], argv: list[str], expected: str) -> None:
    assert main([*argv, "mod.py"]) == 1
    assert capsys.readouterr().out == expected


def violation(line: int, code: str, symbol: str | None, value: int | None, message: str) -> dict[str, object]:
    """A JSON violation object of mod.py at column 1 (limits: 3 lines, 2 parameters)."""
    rule, limit = {
        "V201": ("max-file-lines", 3),
        "V205": ("max-parameters", 2),
        "V299": ("unused-suppression", None),
    }[code]
    return {
        "path": "mod.py",
        "line": line,
        "column": 1,
        "code": code,
        "rule": rule,
        "symbol": symbol,
        "value": value,
        "limit": limit,
        "message": message,
    }


def test_json_lists_suppressed_only_when_asked(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    save = violation(6, "V205", "save", 3, "save has 3 parameters (limit 2)")
    dead = violation(6, "V299", "save", None, DEAD.split(": ", 1)[1].removeprefix("V299 "))
    assert main(["--format", "json", "--report-suppressed", "mod.py"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["summary"] == {"files": 1, "violations": 2, "passed": False, "suppressed": 2}
    assert data["violations"] == [save, dead]
    assert data["suppressed"] == [
        {
            **violation(1, "V201", None, 7, "file has 7 lines (limit 3)"),
            "suppressed_by": {"line": 1, "scope": "file", "reason": None, "expires": None},
        },
        {
            **violation(2, "V205", "load", 3, "load has 3 parameters (limit 2)"),
            "suppressed_by": {"line": 2, "scope": "definition", "reason": None, "expires": None},
        },
    ]
    assert main(["--format", "json", "mod.py"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert "suppressed" not in data and data["summary"] == {"files": 1, "violations": 2, "passed": False}


def test_fully_suppressed_file_passes(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "mod.py").write_text(SOURCE.replace("V204", "V205"), encoding="utf-8")
    assert main(["mod.py"]) == 0
    assert capsys.readouterr().out == "Checked 1 file: no violations.\n"
