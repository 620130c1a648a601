"""Several `--format NAME[:FILE]` at once, `--output` as the default file, clashes, `--statistics`."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.v2gate.formatters.format_project import TEXT_REPORT
from v2gate.cli import main

STATISTICS = """\
V204      1  max-complexity
V205      1  max-parameters
V206      1  max-inheritance-depth
"""


def test_several_formats_into_files_and_text_on_stdout(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = [
        "--format",
        "json:report.json",
        "--format",
        "sarif:out.sarif",
        "--format",
        "junit:junit.xml",
        "--format",
        "gitlab:gl.json",
        "--format",
        "github:gh.txt",
        "--format",
        "text",
    ]
    assert main(argv) == 1
    assert capsys.readouterr() == (TEXT_REPORT, "")
    assert json.loads((project / "report.json").read_text(encoding="utf-8"))["summary"]["violations"] == 3
    assert len(json.loads((project / "out.sarif").read_text(encoding="utf-8"))["runs"][0]["results"]) == 3
    assert ET.parse(project / "junit.xml").getroot()[0].get("failures") == "2"
    assert len(json.loads((project / "gl.json").read_text(encoding="utf-8"))) == 3
    assert (project / "gh.txt").read_text(encoding="utf-8").count("::error ") == 3


def test_output_is_the_file_of_a_format_without_one(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        main(["--format", "json", "--format", "text:report.txt", "--output", "report.json", "--exit-zero"])
        == 0
    )
    assert capsys.readouterr() == ("", "")
    assert json.loads((project / "report.json").read_text(encoding="utf-8"))["summary"]["passed"] is False
    assert (project / "report.txt").read_text(encoding="utf-8") == TEXT_REPORT


KNOWN = "github, gitlab, json, junit, markdown, sarif, text"
# (argv, the end of the error message on stderr); each exits 2 and writes no report
USAGE_ERRORS = [
    (
        ["--format", "json", "--format", "text"],
        (
            "2 formats write to standard output (json, text); at most one may: "
            "give the others a file, e.g. --format json:report.json\n"
        ),
    ),
    (["--format", "xml"], f"Invalid value for '--format': 'xml' is not one of the known formats: {KNOWN}\n"),
    (["--format", "XML:out.xml"], f"'XML' is not one of the known formats: {KNOWN}\n"),
    (["--format", "json:"], "'json:' names no file after ':'; write json:FILE, or just json for stdout\n"),
    (
        ["--format", "json:r.json", "--format", "sarif:./r.json"],
        "formats json and sarif both write to ./r.json; give each format its own file\n",
    ),
    (
        ["--output", "r.txt", "--format", "json", "--format", "text"],
        "formats json and text both write to r.txt; give each format its own file\n",
    ),
]


@pytest.mark.parametrize(("argv", "error"), USAGE_ERRORS)
def test_format_usage_errors_exit_2(
    project: Path, capsys: pytest.CaptureFixture[str], argv: list[str], error: str
) -> None:
    assert main(argv) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.endswith(error)
    assert sorted(path.name for path in project.iterdir()) == ["app", "pyproject.toml"]


# (argv, expected stdout, expected stderr): statistics follow text on stdout, never corrupt JSON/XML there
STATISTICS_CASES = [
    (["--statistics"], TEXT_REPORT + STATISTICS, ""),
    (["--statistics", "--format", "json:r.json", "--format", "sarif:r.sarif"], STATISTICS, ""),
    (["--statistics", "--output", "r.txt"], STATISTICS, ""),
    (["--statistics", "--format", "github"], None, STATISTICS),
    (["--statistics", "--format", "json", "--format", "text:r.txt"], None, STATISTICS),
    (["--statistics", "app/ok.py"], "Checked 1 file: no violations.\n", ""),
]


@pytest.mark.parametrize(("argv", "out", "err"), STATISTICS_CASES)
def test_statistics(
    project: Path, capsys: pytest.CaptureFixture[str], argv: list[str], out: str | None, err: str
) -> None:
    main(argv)
    captured = capsys.readouterr()
    assert captured.err == err
    if out is not None:
        assert captured.out == out
    else:  # a machine format on stdout stays exactly what that format prints alone
        main([arg for arg in argv if arg != "--statistics"])
        assert captured.out == capsys.readouterr().out != ""


def test_statistics_counts_per_rule_sorted_by_code(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "app" / "more.py").write_text(
        "def a(x, y, z):\n    pass\n\n\ndef b(x, y, z):\n    pass\n", encoding="utf-8"
    )
    # errors.py and logic.py have 10 lines (> 9); more.py adds two V205
    assert main(["--statistics", "--max-file-lines", "9", "--output", "r.txt"]) == 1
    assert capsys.readouterr().out == (
        "V201      2  max-file-lines\n"
        "V204      1  max-complexity\n"
        "V205      3  max-parameters\n"
        "V206      1  max-inheritance-depth\n"
    )
