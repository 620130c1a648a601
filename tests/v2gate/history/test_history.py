"""`quality-gates history` on a real 30-commit repository: totals equal a run on each checkout."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import tarfile
from collections import Counter
from pathlib import Path

import pytest

from tests.v2gate.history.repo import BROKEN_AT, COMMITS, DELETED_AT, RENAMED_AT, commit, git
from v2gate.cli import main


def history_json(
    repo: Path, capsys: pytest.CaptureFixture[str], *args: str
) -> tuple[list[dict[str, object]], str]:
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(repo)
        assert main(["history", "--format", "json", *args]) == 0
    out, err = capsys.readouterr()
    data = json.loads(out)
    assert data["version"] == 1
    return data["commits"], err


def gate_totals(repo: Path, sha: str, where: Path) -> Counter[str]:
    """The gate's violations per code on a checkout of `sha` (extracted with git archive)."""
    archive = subprocess.run(["git", "archive", sha], cwd=repo, capture_output=True, check=True).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(where, filter="data")
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(where)
        main(["--no-cache", "--jobs", "1", "--format", "json:report.json"])
    report = json.loads((where / "report.json").read_text(encoding="utf-8"))
    return Counter(found["code"] for found in report["violations"])


@pytest.fixture(name="repo")
def fixture_repo(history_repo: Path, tmp_path: Path) -> Path:
    """A copy of the session's repository (its caches are this test's own)."""
    return Path(shutil.copytree(history_repo, tmp_path / "repo"))


def test_every_commit_totals_equal_a_run_on_its_checkout(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    points, err = history_json(repo, capsys)
    assert len(points) == COMMITS
    assert [point["subject"] for point in points][:2] == ["start", "change 2"]
    for number in (1, RENAMED_AT, DELETED_AT, BROKEN_AT, BROKEN_AT + 1, COMMITS):
        point = points[number - 1]
        expected = gate_totals(repo, str(point["sha"]), tmp_path / f"at{number}")
        assert {code: n for code, n in point["totals"].items() if n} == dict(expected), number
    assert points[BROKEN_AT - 1]["totals"]["V200"] == 1
    assert points[BROKEN_AT]["totals"]["V200"] == 0
    # each distinct blob is parsed once: as many parses as distinct .py blobs in the history
    listed = git(repo, "rev-list", "--objects", "--all").split("\n")
    blobs = {line.split()[0] for line in listed if line.endswith(".py")}
    assert err == f"history: {COMMITS} new commits evaluated, {len(blobs)} files parsed\n"


def test_rename_and_delete_change_the_file_set(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    points, _ = history_json(repo, capsys)
    files = [point["files"] for point in points]
    assert files[RENAMED_AT - 1] == files[RENAMED_AT - 2]  # renamed: still one file
    assert files[DELETED_AT - 1] == files[DELETED_AT - 2] - 1
    assert points[0]["date"] == "2026-01-01T01:00:00+00:00" == points[0]["author_date"]


def test_a_second_run_evaluates_only_new_commits(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    first, _ = history_json(repo, capsys)
    again, err = history_json(repo, capsys)
    assert again == first
    assert err == "history: 0 new commits evaluated, 0 files parsed\n"
    (repo / "pkg" / "mod1.py").write_text("def f(a):\n    return a\n", encoding="utf-8")
    commit(repo, 40, "one more")
    more, err = history_json(repo, capsys)
    assert more[:-1] == first and more[-1]["subject"] == "one more"
    assert err == "history: 1 new commits evaluated, 1 files parsed\n"


def test_a_dirty_tree_is_neither_read_nor_touched(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    clean, _ = history_json(repo, capsys, "--no-cache")
    (repo / "pkg" / "mod1.py").write_text("def f(:\n", encoding="utf-8")
    (repo / "pkg" / "new.py").write_text("x = 1\n", encoding="utf-8")
    status = git(repo, "status", "--porcelain")
    dirty, _ = history_json(repo, capsys, "--no-cache")
    assert dirty == clean
    assert git(repo, "status", "--porcelain") == status
    history_json(repo, capsys)  # its caches are ignored by git
    assert git(repo, "status", "--porcelain") == status


def test_since_and_max_commits(history_repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    points, _ = history_json(history_repo, capsys, "--no-cache", "--max-commits", "5")
    assert [point["subject"] for point in points] == [f"change {n}" for n in range(26, 31)]
    since = git(history_repo, "rev-parse", "HEAD~3").strip()
    points, _ = history_json(history_repo, capsys, "--no-cache", "--since", since)
    assert len(points) == 3


def test_csv_has_a_column_per_rule(
    history_repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(history_repo)
    assert main(["history", "--no-cache", "--format", "csv", "--max-commits", "2"]) == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert rows[0] == [
        "commit",
        "date",
        "author_date",
        "files",
        "lines",
        "V200",
        "V201",
        "V202",
        "V203",
        "V204",
        "V205",
        "V206",
        "subject",
    ]
    assert len(rows) == 3 and rows[-1][-1] == "change 30"


def test_outside_a_repository_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["history"]) == 2
    assert "history: git rev-parse failed: fatal: not a git repository" in capsys.readouterr().err
