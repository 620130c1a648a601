"""The baseline ratchet through `main([...])`: what passes, what fails, after `--write-baseline`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.v2gate.projects import write_project
from v2gate.cli import main

PYPROJECT = "[tool.quality-gates]\nmax-parameters = 2\n"

# f has 4 parameters, g has 3 (limit 2): both are recorded by --write-baseline.
BEFORE = "def f(a, b, c, d):\n    pass\n\n\ndef g(a, b, c):\n    pass\n"
OTHER = "def f(a, b, c):\n    pass\n"

MOVED = "import os\n\n\ndef g(a, b, c):\n    pass\n\n\n\n\ndef f(a, b, c, d):\n    pass\n"
RENAMED = "def f2(a, b, c, d):\n    pass\n\n\ndef g(a, b, c):\n    pass\n"
IMPROVED = "def f(a, b, c):\n    pass\n\n\ndef g(a, b, c):\n    pass\n"
WORSE = "def f(a, b, c, d, e):\n    pass\n\n\ndef g(a, b, c):\n    pass\n"
NEW = BEFORE + "\n\ndef h(a, b, c):\n    pass\n"
FIXED = "def f(a, b):\n    pass\n"
METHOD = "class K:\n    def f(self, a, b, c, d):\n        pass\n\n\ndef g(a, b, c):\n    pass\n"
TWICE = "if X:\n    def f(a, b, c, d):\n        pass\nelse:\n    def f(a, b, c):\n        pass\n"
TWICE_SWAPPED = "if X:\n    def f(a, b, c):\n        pass\nelse:\n    def f(a, b, c, d):\n        pass\n"
TWICE_WORSE = "if X:\n    def f(a, b, c, d):\n        pass\nelse:\n    def f(a, b, c, d):\n        pass\n"


def hidden(count: int) -> str:
    """The summary's baseline clause."""
    return f"; {count} baselined violation{'s' if count != 1 else ''} not shown"


# (case, a.py when the baseline is written, a.py when checked, exact report lines); exit 1 iff a line
# precedes the summary
CASES = [
    # nothing changed: every violation is known
    ("unchanged", BEFORE, BEFORE, [f"Checked 2 files: no violations{hidden(3)}."]),
    # keyed by symbol, never by line: reordering and shifting lines changes nothing
    ("moved", BEFORE, MOVED, [f"Checked 2 files: no violations{hidden(3)}."]),
    # a renamed function is a new symbol: it fails, and the old entry simply no longer matches
    (
        "renamed",
        BEFORE,
        RENAMED,
        ["pkg/a.py:1:1: V205 f2 has 4 parameters (limit 2)", f"Checked 2 files: 1 violation{hidden(2)}."],
    ),
    # lower than recorded passes (equal too: g)
    ("improved", BEFORE, IMPROVED, [f"Checked 2 files: no violations{hidden(3)}."]),
    # higher than recorded fails
    (
        "worse",
        BEFORE,
        WORSE,
        [
            "pkg/a.py:1:1: V205 f has 5 parameters (limit 2; baseline allowed 4)",
            f"Checked 2 files: 1 violation{hidden(2)}.",
        ],
    ),
    # a new violation fails, the known ones stay hidden
    (
        "new",
        BEFORE,
        NEW,
        ["pkg/a.py:9:1: V205 h has 3 parameters (limit 2)", f"Checked 2 files: 1 violation{hidden(3)}."],
    ),
    # a function moved into a class is a new symbol (K.f), the same name in pkg/b.py does not cover it
    (
        "into-a-class",
        BEFORE,
        METHOD,
        ["pkg/a.py:2:5: V205 K.f has 4 parameters (limit 2)", f"Checked 2 files: 1 violation{hidden(2)}."],
    ),
    # one symbol twice in a file: values are paired, whatever order the definitions come in
    ("twice-swapped", TWICE, TWICE_SWAPPED, [f"Checked 2 files: no violations{hidden(3)}."]),
    # ... but two at 4 against recorded 4 and 3: one of them is worse
    (
        "twice-worse",
        TWICE,
        TWICE_WORSE,
        [
            "pkg/a.py:5:5: V205 f has 4 parameters (limit 2; baseline allowed 3)",
            f"Checked 2 files: 1 violation{hidden(2)}.",
        ],
    ),
]


@pytest.fixture(name="project")
def fixture_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(write_project(tmp_path, {"pyproject.toml": PYPROJECT, "pkg/b.py": OTHER}))
    return tmp_path


@pytest.mark.parametrize(
    ("before", "after", "expected"), [case[1:] for case in CASES], ids=[case[0] for case in CASES]
)
def test_ratchet(
    project: Path, capsys: pytest.CaptureFixture[str], before: str, after: str, expected: list[str]
) -> None:
    (project / "pkg" / "a.py").write_text(before, encoding="utf-8")
    assert main(["--write-baseline", "baseline.json"]) == 0
    capsys.readouterr()
    (project / "pkg" / "a.py").write_text(after, encoding="utf-8")
    assert main(["--baseline", "baseline.json"]) == (1 if len(expected) > 1 else 0)
    assert capsys.readouterr().out == "".join(f"{line}\n" for line in expected)


def entries(project: Path) -> list[tuple[str, str | None, int]]:
    """(path, symbol, value) of every V205 entry in baseline.json, in file order."""
    data = json.loads((project / "baseline.json").read_text(encoding="utf-8"))
    return [(entry["path"], entry["symbol"], entry["value"]) for entry in data["entries"]]


def test_update_tightens_and_removes_only_for_files_in_the_run(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "pkg" / "a.py").write_text(BEFORE, encoding="utf-8")
    assert main(["--write-baseline", "baseline.json"]) == 0
    assert capsys.readouterr().err == "Wrote 3 entries to baseline baseline.json.\n"
    (project / "pkg" / "a.py").write_text(IMPROVED.replace("def g(a, b, c)", "def g(a)"), encoding="utf-8")
    (project / "pkg" / "b.py").write_text(FIXED, encoding="utf-8")  # fixed, but not in the run below
    assert main(["--baseline", "baseline.json", "--update-baseline", "pkg/a.py"]) == 0
    assert capsys.readouterr().err == "Updated baseline baseline.json: 1 entry tightened, 1 removed.\n"
    assert entries(project) == [("pkg/a.py", "f", 3), ("pkg/b.py", "f", 3)]


def test_after_an_update_going_back_up_fails_and_worse_entries_are_kept(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "pkg" / "a.py").write_text(IMPROVED, encoding="utf-8")
    assert main(["--write-baseline", "baseline.json"]) == 0
    capsys.readouterr()
    (project / "pkg" / "b.py").write_text(FIXED, encoding="utf-8")
    (project / "pkg" / "a.py").write_text(BEFORE, encoding="utf-8")
    assert main(["--baseline", "baseline.json", "pkg/a.py"]) == 1
    assert capsys.readouterr().out.splitlines()[0] == (
        "pkg/a.py:1:1: V205 f has 4 parameters (limit 2; baseline allowed 3)"
    )
    # a full run removes pkg/b.py's fixed entry; f (worse) keeps its value; nothing is added
    assert main(["--baseline", "baseline.json", "--update-baseline"]) == 1
    assert entries(project) == [("pkg/a.py", "f", 3), ("pkg/a.py", "g", 3)]
    assert main(["--baseline", "baseline.json", "--update-baseline"]) == 1
    assert capsys.readouterr().err.endswith("Baseline baseline.json is up to date.\n")


def test_partial_write_keeps_other_files_and_drops_deleted_ones(project: Path) -> None:
    (project / "pkg" / "a.py").write_text(BEFORE, encoding="utf-8")
    (project / "pkg" / "c.py").write_text(OTHER, encoding="utf-8")
    assert main(["--write-baseline", "baseline.json"]) == 0
    (project / "pkg" / "a.py").write_text(IMPROVED, encoding="utf-8")
    (project / "pkg" / "c.py").unlink()
    # pre-commit passes only changed files: b.py's entry stays, c.py's goes (the file is gone)
    assert main(["--write-baseline", "baseline.json", "pkg/a.py"]) == 0
    assert entries(project) == [("pkg/a.py", "f", 3), ("pkg/a.py", "g", 3), ("pkg/b.py", "f", 3)]
