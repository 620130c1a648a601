"""What a new user runs into: the program's own name, misspelt tables, nothing to check, `explain` as
a first argument."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.v2gate.projects import write_project
from v2gate.cli import main

CONSOLE_SCRIPT = Path(sys.executable).parent / "quality-gates"


def test_the_console_script_says_its_own_name(tmp_path: Path) -> None:
    """One process per line: --version, a usage error, an error and explain's usage."""
    runs = [["--version"], ["--bogus"], ["nope.py"], ["explain"]]
    results = [
        subprocess.run(
            [str(CONSOLE_SCRIPT), *args],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            check=False,
            timeout=60,
            env={**os.environ, "NO_COLOR": "1"},
        )
        for args in runs
    ]
    assert results[0].stdout == "quality-gates, version 0.1.0\n"
    assert results[1].stderr.startswith("Usage: quality-gates [OPTIONS] [PATHS]...\n")
    assert results[2].stderr.startswith("quality-gates: error: path not found: nope.py")
    assert results[3].stderr.startswith("Usage: quality-gates explain [OPTIONS] TARGET\n")
    assert [result.returncode for result in results] == [0, 2, 2, 2]


@pytest.mark.parametrize("table", ["quality_gates", "quality-gate", "Quality-Gates", "qualitygates"])
def test_a_misspelt_table_is_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], table: str
) -> None:
    write_project(tmp_path, {"pyproject.toml": f"[tool.{table}]\nmax-complexity = 3\n", "a.py": "x = 1\n"})
    monkeypatch.chdir(tmp_path)
    assert main([]) == 2
    assert capsys.readouterr().err == (
        f"quality_gates.py: error: {tmp_path / 'pyproject.toml'}: unknown table [tool.{table}]"
        " (did you mean [tool.quality-gates]?); the gate reads only [tool.quality-gates], so these"
        " settings would be ignored\n"
    )


def test_other_tools_tables_are_fine(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    tables = "[tool.ruff]\nline-length = 100\n[tool.quality]\nx = 1\n[tool.mypy]\nstrict = true\n"
    write_project(tmp_path, {"pyproject.toml": tables, "a.py": "x = 1\n"})
    monkeypatch.chdir(tmp_path)
    assert main([]) == 0


WARNING = (
    "quality_gates.py: {kind}: no .py files to check in {where}; check the spelling of the paths"
    " and of include/exclude (--show-config shows them)\n"
)


# (config lines, arguments, exit code, warning or error, what had nothing in it)
@pytest.mark.parametrize(
    "case",
    [
        ('include = ["docs"]', [], 0, "warning", "the configured include"),
        ('include = ["docs"]', ["--fail-on-empty"], 2, "error", "the configured include"),
        ('include = ["docs"]\nfail-on-empty = true', [], 2, "error", "the configured include"),
        ("", ["docs"], 0, "warning", "the paths given (docs)"),
    ],
)
def test_nothing_to_check(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    case: tuple[str, list[str], int, str, str],
) -> None:
    config, args, code, kind, where = case
    write_project(tmp_path, {"pyproject.toml": f"[tool.quality-gates]\n{config}\n", "docs/index.md": "# x\n"})
    monkeypatch.chdir(tmp_path)
    assert main(["--no-cache", *args]) == code
    captured = capsys.readouterr()
    assert captured.err == WARNING.format(kind=kind, where=where)
    assert captured.out == ("Checked 0 files: no violations.\n" if code == 0 else "")


def test_a_directory_named_explain_is_checked_as_a_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_project(tmp_path, {"explain/a.py": "def f(a, b, c, d, e, g):\n    return a\n"})
    monkeypatch.chdir(tmp_path)
    assert main(["--no-cache", "./explain"]) == 1
    assert main(["--no-cache", "--", "explain"]) == 1
    assert capsys.readouterr().out.count("explain/a.py:1:1: V205") == 2
