"""`--diff REF` on a real git repository: which files are checked, from where, and its errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.v2gate.run.git_repo import SIX, build_repository, git
from v2gate.cli import main

CHANGED = ["pkg/new.py", "pkg/old.py", "pkg/renamed.py", "pkg/staged.py", "pkg/unstaged.py"]


@pytest.fixture(name="repo", scope="module")
def fixture_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_repository(tmp_path_factory.mktemp("diff") / "repo")


def _report(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict[str, object]]:
    code = main(["--no-cache", "--format", "json", *args])
    return code, json.loads(capsys.readouterr().out)


def _paths(data: dict[str, object], key: str) -> list[str]:
    rows = data[key]
    assert isinstance(rows, list)
    return [row["path"] for row in rows]


def test_only_changed_files_are_checked(
    repo: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(repo)
    code, data = _report(capsys, "--diff", "main")
    assert code == 1
    # committed, renamed (new name), staged, unstaged and untracked; not deleted, ignored,
    # changed on main only, or unchanged
    assert _paths(data, "files") == CHANGED
    violations = data["violations"]
    assert isinstance(violations, list)
    assert [(item["path"], item["code"]) for item in violations] == [
        ("pkg/new.py", "V206"),  # resolved through the unchanged pkg/base.py
        ("pkg/old.py", "V205"),
        ("pkg/staged.py", "V205"),
        ("pkg/unstaged.py", "V205"),
    ]
    assert violations[0]["message"] == "Deep → Child → Base → ValueError (depth 3 > 2)"


def test_from_a_subdirectory_with_paths(
    repo: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(repo / "pkg")
    assert _paths(_report(capsys, "--diff", "main")[1], "files") == [path[4:] for path in CHANGED]
    # given paths narrow the changed files further
    assert _paths(_report(capsys, "--diff", "main", "old.py", "base.py")[1], "files") == ["old.py"]


def test_commits_since_a_ref(
    repo: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """HEAD itself: only the work tree and the index count (staged, unstaged, untracked)."""
    monkeypatch.chdir(repo)
    assert _paths(_report(capsys, "--diff", "HEAD")[1], "files") == [
        "pkg/new.py",
        "pkg/staged.py",
        "pkg/unstaged.py",
    ]


def test_with_a_baseline(
    repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(repo)
    baseline = str(tmp_path / "ci" / "baseline.json")
    assert main(["--no-cache", "--write-baseline", baseline]) == 0
    capsys.readouterr()
    code, data = _report(capsys, "--diff", "main", "--baseline", baseline)
    assert (code, data["summary"]) == (0, {"files": 5, "violations": 0, "passed": True, "baselined": 4})


def test_nothing_changed_is_not_an_error(
    repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    clean = tmp_path / "clean"
    clean.mkdir()
    (clean / "a.py").write_text(SIX, encoding="utf-8")
    git(clean, "init", "-q", "-b", "main")
    git(clean, "add", "-A")
    git(clean, "commit", "-q", "-m", "one")
    monkeypatch.chdir(clean)
    assert main(["--no-cache", "--diff", "HEAD", "--fail-on-empty"]) == 0
    captured = capsys.readouterr()
    assert captured.out == "Checked 0 files: no violations.\n"
    assert captured.err == "quality_gates.py: no changed .py files since the merge base with HEAD\n"


@pytest.mark.parametrize(
    ("ref", "message"),
    [
        (
            "nosuchbranch",
            "--diff nosuchbranch: unknown revision (not a commit, branch or tag in this repository)",
        ),
        ("--all", "--diff --all: unknown revision (not a commit, branch or tag in this repository)"),
    ],
)
def test_unknown_ref_exits_2(
    repo: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], ref: str, message: str
) -> None:
    monkeypatch.chdir(repo)
    assert main(["--no-cache", f"--diff={ref}"]) == 2
    assert capsys.readouterr().err == f"quality_gates.py: error: {message}\n"


def test_outside_a_repository_exits_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    assert main(["--diff", "HEAD~1"]) == 2
    assert capsys.readouterr().err == (
        f"quality_gates.py: error: --diff needs a git repository, and {tmp_path} is not inside one\n"
    )
