"""CLI behaviour that needs no measurement: --version, usage and config errors (exit 2), --show-config."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from v2gate.cli import main

OVERRIDES = """\
[tool.quality-gates]
max-complexity = 8
exclude = ["tests/fixtures/**"]

[[tool.quality-gates.overrides]]
paths = ["pkg/**"]
max-file-lines = 200

[[tool.quality-gates.overrides]]
paths = ["pkg/big.py"]
max-file-lines = 900
max-parameters = 6
"""


@pytest.fixture(name="project")
def fixture_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "pyproject.toml").write_text(OVERRIDES, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture(name="workdir")
def fixture_workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_version_from_argv_or_sys_argv(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--version"]) == 0
    monkeypatch.setattr(sys, "argv", ["quality-gates", "--version"])  # the console script passes nothing
    assert main() == 0
    assert capsys.readouterr().out == "quality_gates.py, version 0.1.0\n" * 2


def test_help_lists_every_option(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    for option in (
        "--config",
        "--format",
        "--output",
        "--exit-zero",
        "--show-config",
        "--max-file-lines",
        "--max-functions",
        "--max-classes",
        "--max-complexity",
        "--max-parameters",
        "--max-inheritance-depth",
        "--version",
    ):
        assert option in out


# (argv, pyproject text or None, fragment of stderr) — every one exits 2 without a traceback
ERRORS = [
    (["--no-such-option"], None, "No such option '--no-such-option'"),
    (["--max-complexity", "-1"], None, "-1 is not in the range x>=0"),
    (["--max-complexity", "ten"], None, "'ten' is not a valid integer"),
    (["--format", "xml"], None, "'xml' is not one of"),
    (["--config", "missing.toml"], None, "cannot read config file"),
    (
        [],
        "[tool.quality-gates]\nmax-complexty = 3\n",
        "unknown key 'max-complexty' (did you mean 'max-complexity'?)",
    ),
    (
        [],
        "[tool.quality-gates]\nmax-classes = true\n",
        "'max-classes' must be an integer, got true (a boolean)",
    ),
    ([], "[tool.quality-gates]\nmax-classes = -3\n", "'max-classes' must not be negative, got -3"),
    ([], "[tool.quality-gates]\nmax-classes = [\n", "invalid TOML"),
    (["missing_dir"], "", "missing_dir"),
]


@pytest.mark.parametrize(("argv", "pyproject", "fragment"), ERRORS)
def test_usage_and_config_errors_exit_2(
    workdir: Path, capsys: pytest.CaptureFixture[str], argv: list[str], pyproject: str | None, fragment: str
) -> None:
    if pyproject is not None:
        (workdir / "pyproject.toml").write_text(pyproject, encoding="utf-8")
    assert main(argv) == 2
    captured = capsys.readouterr()
    assert fragment in captured.err
    assert "Traceback" not in captured.err
    assert captured.out == ""


def test_config_error_names_the_file(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "bad.toml").write_text("max-functions = 1.5\n", encoding="utf-8")
    assert main(["--config", "bad.toml"]) == 2
    err = capsys.readouterr().err
    assert (
        err == f"quality_gates.py: error: top-level table in {project / 'bad.toml'}: "
        "'max-functions' must be an integer, got 1.5 (a float)\n"
    )


def test_show_config_for_a_file_names_each_source(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--max-functions", "7", "--show-config", "pkg/big.py"]) == 0
    assert (
        capsys.readouterr().out
        == """\
# config: pyproject.toml ([tool.quality-gates])
# root: .
# file: pkg/big.py
max-file-lines = 900       # overrides[1] in pyproject.toml
max-functions = 7          # command line
max-classes = 5            # default
max-complexity = 8         # [tool.quality-gates] in pyproject.toml
max-parameters = 6         # overrides[1] in pyproject.toml
max-inheritance-depth = 2  # default
include = ["."]
exclude = ["tests/fixtures/**"]
ignore-bases = ["object", "typing.Protocol", "typing.Generic", "abc.ABC"]
"""
    )


def test_show_config_without_a_file_applies_no_override(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--show-config"]) == 0
    out = capsys.readouterr().out
    assert "# file: (none: overrides not applied)\n" in out
    assert "max-file-lines = 400" in out


def test_show_config_without_any_config(workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--show-config", "x.py"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# config: (none)\n# root: .\n# file: x.py\nmax-file-lines = 400")
