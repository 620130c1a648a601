"""The baseline file through `main([...])`: exact format, paths from any cwd, what is never recorded, errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.v2gate.projects import write_project
from v2gate.cli import main

PYPROJECT = "[tool.quality-gates]\nmax-parameters = 2\nmax-file-lines = 3\n"
FILES = {
    "pyproject.toml": PYPROJECT,
    "pkg/big.py": "class K:\n    def m(self, a, b, c):\n        pass\n\n\ndef f(a, b, c, d):\n    pass\n",
    "pkg/broken.py": "def f(:\n",
    "pkg/dead.py": "def f(a):  # noqa: V205\n    pass\n",
}

EXPECTED_FILE = """\
{
  "entries": [
    {
      "code": "V201",
      "path": "pkg/big.py",
      "symbol": null,
      "value": 7
    },
    {
      "code": "V205",
      "path": "pkg/big.py",
      "symbol": "K.m",
      "value": 3
    },
    {
      "code": "V205",
      "path": "pkg/big.py",
      "symbol": "f",
      "value": 4
    }
  ],
  "version": 1
}
"""


@pytest.fixture(name="project")
def fixture_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(write_project(tmp_path, FILES))
    return tmp_path


def test_written_file_is_sorted_json_and_v200_v299_always_fail(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--write-baseline", "baseline.json"]) == 1
    assert (project / "baseline.json").read_text(encoding="utf-8") == EXPECTED_FILE
    # written through a temporary file + os.replace: nothing else is left behind
    assert [path.name for path in project.iterdir() if "baseline" in path.name] == ["baseline.json"]
    out = capsys.readouterr().out.splitlines()
    # an unparsable file is not measured, a dead suppression is fixed by deleting it: never baselined
    assert [line.split(": ")[1][:4] for line in out[:-1]] == ["V200", "V299"]
    assert out[-1] == "Checked 3 files: 2 violations; 3 baselined violations not shown."


def test_paths_are_relative_to_the_baseline_file_from_any_cwd(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "pkg" / "broken.py").unlink()
    (project / "pkg" / "dead.py").unlink()
    monkeypatch.chdir(project / "pkg")
    assert main(["--write-baseline", "../baseline.json", "big.py"]) == 0
    assert (project / "baseline.json").read_text(encoding="utf-8") == EXPECTED_FILE
    monkeypatch.chdir(project)
    capsys.readouterr()
    assert main(["--format", "json", "--baseline", "baseline.json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["summary"] == {"files": 1, "violations": 0, "passed": True, "baselined": 3}


def test_a_baseline_in_another_directory(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "ci").mkdir()
    assert main(["--write-baseline", "ci/baseline.json", "pkg/big.py"]) == 0
    data = json.loads((project / "ci" / "baseline.json").read_text(encoding="utf-8"))
    assert {entry["path"] for entry in data["entries"]} == {"../pkg/big.py"}
    capsys.readouterr()
    assert main(["--baseline", "ci/baseline.json", "pkg/big.py"]) == 0
    assert capsys.readouterr().out == "Checked 1 file: no violations; 3 baselined violations not shown.\n"


# (baseline file text or None for a missing file, argv, expected error after "quality_gates.py: error: ")
ERROR_CASES = [
    (
        None,
        ["--baseline", "b.json"],
        "baseline file b.json not found; create it with --write-baseline b.json",
    ),
    (
        "{",
        ["--baseline", "b.json"],
        "baseline file b.json is corrupt: not valid JSON (Expecting property name enclosed in double quotes at line 1,"
        " column 2); fix it, or delete it and run --write-baseline b.json",
    ),
    (
        '{"version": 2, "entries": []}',
        ["--baseline", "b.json"],
        'baseline file b.json is corrupt: not a version 1 baseline (expected {"version": 1, "entries": [...]});'
        " fix it, or delete it and run --write-baseline b.json",
    ),
    (
        '{"version": 1, "entries": [{"path": "a.py", "code": "V204", "symbol": null, "value": "7"}]}',
        ["--baseline", "b.json"],
        "baseline file b.json is corrupt: entries[0]: value must be an integer;"
        " fix it, or delete it and run --write-baseline b.json",
    ),
    # writing merges into an existing baseline: a corrupt one is not silently replaced
    (
        "[]",
        ["--write-baseline", "b.json"],
        'baseline file b.json is corrupt: not a version 1 baseline (expected {"version": 1, "entries": [...]});'
        " fix it, or delete it and run --write-baseline b.json",
    ),
    (None, ["--update-baseline"], "--update-baseline needs --baseline FILE (the baseline to tighten)"),
    (
        "{}",
        ["--baseline", "b.json", "--write-baseline", "b.json"],
        "use either --baseline FILE or --write-baseline FILE, not both",
    ),
]


@pytest.mark.parametrize(("text", "argv", "message"), ERROR_CASES)
def test_errors_exit_2_naming_the_file(
    project: Path, capsys: pytest.CaptureFixture[str], text: str | None, argv: list[str], message: str
) -> None:
    if text is not None:
        (project / "b.json").write_text(text, encoding="utf-8")
    assert main([*argv, "pkg/big.py"]) == 2
    captured = capsys.readouterr()
    assert captured.err == f"quality_gates.py: error: {message}\n"
    assert captured.out == ""
    assert text is None or (project / "b.json").read_text(encoding="utf-8") == text
