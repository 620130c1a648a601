"""End-to-end runs through `main([...])` on a real temporary project: exact output and exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.v2gate.projects import write_project
from v2gate.cli import main

PYPROJECT = """\
[tool.quality-gates]
max-complexity = 3
exclude = ["generated/**"]

[[tool.quality-gates.overrides]]
paths = ["app/legacy.py"]
max-complexity = 5
"""

BRANCHY = """\
def f(x):
    if x:
        return 1
    if x > 1:
        return 2
    if x > 2:
        return 3
    return 0
"""

FILES = {
    "pyproject.toml": PYPROJECT,
    "app/__init__.py": "",
    "app/errors.py": "class AppError(ValueError):\n    pass\n\n\nclass DbError(AppError):\n    pass\n",
    "app/db.py": "from .errors import DbError as Base\n\n\nclass DbTimeout(Base):\n    pass\n",
    "app/logic.py": BRANCHY,  # complexity 4 > 3
    "app/legacy.py": BRANCHY,  # the override allows 5
    "app/broken.py": "def f(:\n    pass\n",
    "generated/big.py": BRANCHY,  # excluded
}


@pytest.fixture(name="project")
def fixture_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(write_project(tmp_path, FILES))
    return tmp_path


def file_row(
    path: str, lines: int, functions: int, classes: int, maxima: tuple[int, int, int]
) -> dict[str, object]:
    """A JSON `files` row; `maxima` = (max_complexity, max_parameters, max_inheritance_depth)."""
    return {
        "path": path,
        "lines": lines,
        "functions": functions,
        "classes": classes,
        "max_complexity": maxima[0],
        "max_parameters": maxima[1],
        "max_inheritance_depth": maxima[2],
    }


def test_json_report_of_the_whole_project(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    broken = data["files"][1]
    assert broken.pop("error") == data["violations"][0]["message"]
    assert data == {
        "version": 1,
        "summary": {"files": 6, "violations": 3, "passed": False},
        "violations": [
            {
                "path": "app/broken.py",
                "line": 1,
                "column": 7,
                "code": "V200",
                "rule": "parse-error",
                "symbol": None,
                "value": None,
                "limit": None,
                "message": broken_message(data),
            },
            {
                "path": "app/db.py",
                "line": 4,
                "column": 1,
                "code": "V206",
                "rule": "max-inheritance-depth",
                "symbol": "DbTimeout",
                "value": 3,
                "limit": 2,
                "message": "DbTimeout → DbError → AppError → ValueError (depth 3 > 2)",
            },
            {
                "path": "app/logic.py",
                "line": 1,
                "column": 1,
                "code": "V204",
                "rule": "max-complexity",
                "symbol": "f",
                "value": 4,
                "limit": 3,
                "message": "f has cyclomatic complexity 4 (limit 3)",
            },
        ],
        "files": [
            file_row("app/__init__.py", 0, 0, 0, (0, 0, 0)),
            file_row("app/broken.py", 2, 0, 0, (0, 0, 0)),
            file_row("app/db.py", 5, 0, 1, (0, 0, 3)),
            file_row("app/errors.py", 6, 0, 2, (0, 0, 2)),
            file_row("app/legacy.py", 8, 1, 0, (4, 1, 0)),
            file_row("app/logic.py", 8, 1, 0, (4, 1, 0)),
        ],
    }


def broken_message(data: dict[str, object]) -> str:
    """The parser's message for app/broken.py (its wording belongs to the measurement layer)."""
    violations = data["violations"]
    assert isinstance(violations, list)
    message = violations[0]["message"]
    assert isinstance(message, str) and message
    return message


def test_text_report_and_exit_codes(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["app/logic.py", "app/db.py"]) == 1
    assert capsys.readouterr().out == (
        "app/db.py:4:1: V206 DbTimeout → DbError → AppError → ValueError (depth 3 > 2)\n"
        "app/logic.py:1:1: V204 f has cyclomatic complexity 4 (limit 3)\n"
        "Checked 2 files: 2 violations.\n"
    )
    assert main(["--exit-zero", "app/logic.py"]) == 0
    assert main(["app/errors.py", "app/legacy.py"]) == 0
    assert capsys.readouterr().out.endswith("Checked 2 files: no violations.\n")


# (argv, expected last line of the text report) — flags win over config and overrides
FLAG_CASES = [
    (["--max-complexity", "4", "app/logic.py"], "Checked 1 file: no violations."),
    (["--max-complexity", "3", "app/legacy.py"], "Checked 1 file: 1 violation."),
    (["--max-inheritance-depth", "3", "app/db.py"], "Checked 1 file: no violations."),
    (["--max-file-lines", "5", "app/errors.py"], "Checked 1 file: 1 violation."),
    (
        ["--max-classes", "1", "--max-functions", "0", "app/errors.py", "app/legacy.py"],
        "Checked 2 files: 2 violations.",
    ),
    (["--max-parameters", "0", "app/legacy.py"], "Checked 1 file: 1 violation."),
]


@pytest.mark.parametrize(("argv", "summary"), FLAG_CASES)
def test_limit_flags(
    project: Path, capsys: pytest.CaptureFixture[str], argv: list[str], summary: str
) -> None:
    main(argv)
    assert capsys.readouterr().out.splitlines()[-1] == summary


def test_explicitly_given_excluded_file_is_not_checked(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["generated/big.py", "generated"]) == 0
    assert capsys.readouterr().out == "Checked 0 files: no violations.\n"


def test_file_outside_the_project(
    project: Path, tmp_path_factory: pytest.TempPathFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    outside = tmp_path_factory.mktemp("outside") / "logic.py"
    outside.write_text(BRANCHY, encoding="utf-8")
    assert main(["--format", "json", str(outside), "app/logic.py"]) == 1
    data = json.loads(capsys.readouterr().out)
    expected_path = Path("..", outside.parent.name, "logic.py").as_posix()
    # the outside file gets the project's main-table limits (no override matches it)
    assert [(v["path"], v["code"]) for v in data["violations"]] == [
        (expected_path, "V204"),
        ("app/logic.py", "V204"),
    ]


def test_output_file_gets_the_report_and_stdout_stays_empty(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--format", "json", "--output", "out/report.json", "app/logic.py"]) == 2
    assert "cannot write the report to out/report.json" in capsys.readouterr().err
    assert main(["--format", "json", "--output", "report.json", "app/logic.py"]) == 1
    assert capsys.readouterr().out == ""
    data = json.loads((project / "report.json").read_text(encoding="utf-8"))
    assert data["summary"] == {"files": 1, "violations": 1, "passed": False}


def test_running_from_a_subdirectory_uses_the_project_config(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(project / "app")
    assert main(["logic.py", "legacy.py", "db.py"]) == 1
    assert capsys.readouterr().out == (
        "db.py:4:1: V206 DbTimeout → DbError → AppError → ValueError (depth 3 > 2)\n"
        "logic.py:1:1: V204 f has cyclomatic complexity 4 (limit 3)\n"
        "Checked 3 files: 2 violations.\n"
    )
