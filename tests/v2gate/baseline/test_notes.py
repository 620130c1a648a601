"""Baseline entries with `reason` and `expires`; a new baseline folder; what a worse violation says."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.v2gate.projects import write_project
from v2gate.cli import main

SIX = "def f(a, b, c, d, e, g):\n    return a\n"


@pytest.fixture(name="project")
def fixture_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(write_project(tmp_path, {"pyproject.toml": "[tool.quality-gates]\n", "pkg/a.py": SIX}))
    return tmp_path


def _annotate(file: Path, **notes: str) -> None:
    data = json.loads(file.read_text(encoding="utf-8"))
    data["entries"][0].update(notes)
    file.write_text(json.dumps(data), encoding="utf-8")


def test_write_baseline_creates_its_folder(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--write-baseline", "ci/deep/baseline.json"]) == 0
    assert capsys.readouterr().err == "Wrote 1 entry to baseline ci/deep/baseline.json.\n"
    assert json.loads((project / "ci/deep/baseline.json").read_text(encoding="utf-8"))["entries"] == [
        {"code": "V205", "path": "../../pkg/a.py", "symbol": "f", "value": 6}
    ]


def test_an_entry_in_force_hides_and_its_notes_survive_a_rewrite(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--write-baseline", "b.json"]) == 0
    _annotate(project / "b.json", reason="vendored API", expires="2999-12-31")
    assert main(["--baseline", "b.json"]) == 0
    assert main(["--write-baseline", "b.json"]) == 0
    capsys.readouterr()
    assert json.loads((project / "b.json").read_text(encoding="utf-8"))["entries"] == [
        {
            "code": "V205",
            "expires": "2999-12-31",
            "path": "pkg/a.py",
            "reason": "vendored API",
            "symbol": "f",
            "value": 6,
        }
    ]


@pytest.mark.parametrize(
    ("expires", "says"),
    [
        ("2000-01-31", "expired on 2000-01-31"),
        ("soon", "has an invalid date 'soon' (write `(until YYYY-MM-DD)`)"),
    ],
)
def test_an_expired_entry_hides_nothing_and_says_so(
    project: Path, capsys: pytest.CaptureFixture[str], expires: str, says: str
) -> None:
    assert main(["--write-baseline", "b.json"]) == 0
    _annotate(project / "b.json", reason="until the v2 API", expires=expires)
    capsys.readouterr()
    assert main(["--baseline", "b.json"]) == 1
    assert capsys.readouterr().out.splitlines() == [
        "pkg/a.py:1:1: V205 f has 6 parameters (limit 5)",
        f"pkg/a.py:1:1: V297 baseline entry for V205 {says}: until the v2 API",
        "Checked 1 file: 2 violations.",
    ]


def test_a_worse_violation_says_what_the_baseline_allowed(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--write-baseline", "b.json"]) == 0
    (project / "pkg/a.py").write_text("def f(a, b, c, d, e, g, h):\n    return a\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["--baseline", "b.json"]) == 1
    assert capsys.readouterr().out.splitlines()[0] == (
        "pkg/a.py:1:1: V205 f has 7 parameters (limit 5; baseline allowed 6)"
    )


def test_notes_must_be_strings(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--write-baseline", "b.json"]) == 0
    _annotate(project / "b.json", expires=20270630)  # type: ignore[arg-type]
    capsys.readouterr()
    assert main(["--baseline", "b.json"]) == 2
    assert "entries[0]: reason and expires must be strings" in capsys.readouterr().err
