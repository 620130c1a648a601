"""The pre-commit hook for real: pre-commit installs this checkout's hook and runs it in a temporary git repository.

The hook repository is a snapshot of the working tree (tracked and untracked, minus ignored
files) committed to a throw-away repository, so the manifest and package are exactly this
checkout's, uncommitted work included. `pre-commit try-repo` would install the hook into a
new virtualenv on every call (it uses a temporary store), so the tests run `pre-commit run`
with the configuration try-repo writes (`repo: <snapshot>`, `rev: <its commit>`) and one
PRE_COMMIT_HOME for the session: the hook's virtualenv is built once, by whichever test (or
xdist worker) gets there first, under pre-commit's own lock.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from pre_commit.clientlib import load_manifest

from tests.v2gate.cli.hook_repo import CHECKOUT, git, run

PYPROJECT = "[tool.quality-gates]\nmax-parameters = 2\n"
VIOLATING = "def f(a, b, c):\n    return a\n"
FIXED = "def f(a, b):\n    return a\n"


@pytest.fixture(name="project")
def fixture_project(tmp_path: Path, hook_repo: tuple[Path, str, dict[str, str]]) -> Path:
    """A fresh git repository with a pyproject.toml (max-parameters = 2) and a committed violating file."""
    env = hook_repo[2]
    project = tmp_path / "project"
    project.mkdir()
    git(project, env, "init", "-q")
    (project / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    (project / "bad.py").write_text(VIOLATING, encoding="utf-8")
    git(project, env, "add", "-A")
    git(project, env, "commit", "-q", "-m", "violating")
    return project


def _run_hook(
    project: Path, hook_repo: tuple[Path, str, dict[str, str]], *extra: str
) -> subprocess.CompletedProcess[str]:
    """`pre-commit run [extra]` in `project` with the configuration `try-repo` would write."""
    snapshot, rev, env = hook_repo
    config = project.parent / "pre-commit-config.yaml"  # outside the repository: never "unstaged"
    config.write_text(
        f"repos:\n- repo: {snapshot}\n  rev: {rev}\n  hooks:\n  - id: quality-gates\n", encoding="utf-8"
    )
    return run([sys.executable, "-m", "pre_commit", "run", "--config", str(config), *extra], project, env)


def test_manifest_declares_the_hook_as_documented() -> None:
    hooks = load_manifest(str(CHECKOUT / ".pre-commit-hooks.yaml"))
    assert [
        (hook["id"], hook["entry"], hook["language"], hook["types"], hook["require_serial"]) for hook in hooks
    ] == [("quality-gates", "quality-gates", "python", ["python"], True)]


def test_all_files_fails_naming_the_violation_then_passes_once_fixed(
    project: Path, hook_repo: tuple[Path, str, dict[str, str]]
) -> None:
    failed = _run_hook(project, hook_repo, "--all-files")
    assert failed.returncode == 1, failed.stdout
    assert "bad.py:1:1: V205 f has 3 parameters (limit 2)\nChecked 1 file: 1 violation.\n" in failed.stdout
    (project / "bad.py").write_text(FIXED, encoding="utf-8")
    git(project, hook_repo[2], "commit", "-q", "-a", "-m", "fixed")
    passed = _run_hook(project, hook_repo, "--all-files")
    assert passed.returncode == 0, passed.stdout
    assert "quality-gates (V2 limits)" in passed.stdout and "Passed" in passed.stdout


def test_only_staged_files_are_checked(project: Path, hook_repo: tuple[Path, str, dict[str, str]]) -> None:
    (project / "bad.py").write_text(FIXED, encoding="utf-8")
    (project / "staged.py").write_text("def g(x, y, z, w):\n    return x\n", encoding="utf-8")
    (project / "untracked.py").write_text(VIOLATING, encoding="utf-8")
    git(project, hook_repo[2], "add", "staged.py")
    result = _run_hook(project, hook_repo)
    assert result.returncode == 1, result.stdout
    # bad.py's fix is unstaged (pre-commit stashes it, so the committed violation is not
    # re-checked: only staged files are passed) and untracked.py is not staged at all.
    assert "staged.py:1:1: V205 g has 4 parameters (limit 2)\nChecked 1 file: 1 violation.\n" in result.stdout
    assert "bad.py" not in result.stdout and "untracked.py" not in result.stdout
