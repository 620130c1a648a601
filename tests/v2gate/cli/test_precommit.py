"""The pre-commit hook for real: `pre-commit try-repo` installs this checkout and runs it in a temporary git repository.

`try-repo` on a checkout with uncommitted changes commits only tracked files to its shadow
repository, so new files would be missing while the code is being written: the tests
therefore snapshot the working tree (tracked and untracked, minus ignored files) into a
throw-away repository and try that. The hook manifest and package are exactly this checkout's.
pre-commit builds a virtualenv and installs the package from PyPI dependencies once per
module (PRE_COMMIT_HOME is shared by the tests here).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from pre_commit.clientlib import load_manifest

CHECKOUT = Path(__file__).resolve().parents[3]
PYPROJECT = "[tool.quality-gates]\nmax-parameters = 2\n"
VIOLATING = "def f(a, b, c):\n    return a\n"
FIXED = "def f(a, b):\n    return a\n"
TIMEOUT = 300  # seconds; the first run builds the hook's virtualenv


def _git_env(home: Path) -> dict[str, str]:
    """The environment for git and pre-commit: no outer GIT_* state, no user config, a fixed identity."""
    env = {key: value for key, value in os.environ.items() if not key.startswith(("GIT_", "PRE_COMMIT"))}
    env.update(
        GIT_CONFIG_GLOBAL=os.devnull,
        GIT_CONFIG_NOSYSTEM="1",
        GIT_AUTHOR_NAME="Test",
        GIT_AUTHOR_EMAIL="test@example.invalid",
        GIT_COMMITTER_NAME="Test",
        GIT_COMMITTER_EMAIL="test@example.invalid",
        PRE_COMMIT_HOME=str(home),
        PRE_COMMIT_COLOR="never",
    )
    return env


def _run(args: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """Run a command, capturing stdout and stderr together (pre-commit prints hook output to stdout)."""
    return subprocess.run(
        args,
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )


def _git(repo: Path, env: dict[str, str], *args: str) -> None:
    """A git command that must succeed."""
    result = _run(["git", "-c", "init.defaultBranch=main", *args], repo, env)
    assert result.returncode == 0, result.stdout


@pytest.fixture(scope="module", name="hook_repo")
def fixture_hook_repo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, dict[str, str]]]:
    """(a committed snapshot of this checkout, the environment with a PRE_COMMIT_HOME shared by the module)."""
    base = tmp_path_factory.mktemp("precommit")
    env = _git_env(base / "pre-commit-home")
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=CHECKOUT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    snapshot = base / "hook-checkout"
    for name in filter(None, listed.split("\0")):
        source = CHECKOUT / name
        if source.is_file():
            (snapshot / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, snapshot / name)
    _git(snapshot, env, "init", "-q")
    _git(snapshot, env, "add", "-A")
    _git(snapshot, env, "commit", "-q", "-m", "snapshot")
    yield snapshot, env
    shutil.rmtree(base, ignore_errors=True)


@pytest.fixture(name="project")
def fixture_project(tmp_path: Path, hook_repo: tuple[Path, dict[str, str]]) -> Path:
    """A fresh git repository with a pyproject.toml (max-parameters = 2) and a committed violating file."""
    _, env = hook_repo
    project = tmp_path / "project"
    project.mkdir()
    _git(project, env, "init", "-q")
    (project / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    (project / "bad.py").write_text(VIOLATING, encoding="utf-8")
    _git(project, env, "add", "-A")
    _git(project, env, "commit", "-q", "-m", "violating")
    return project


def _try_repo(
    project: Path, hook_repo: tuple[Path, dict[str, str]], *extra: str
) -> subprocess.CompletedProcess[str]:
    """`pre-commit try-repo <snapshot> quality-gates [extra]` in `project`."""
    snapshot, env = hook_repo
    return _run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(snapshot), "quality-gates", *extra], project, env
    )


def test_manifest_declares_the_hook_as_documented() -> None:
    hooks = load_manifest(str(CHECKOUT / ".pre-commit-hooks.yaml"))
    assert [
        (hook["id"], hook["entry"], hook["language"], hook["types"], hook["require_serial"]) for hook in hooks
    ] == [("quality-gates", "quality-gates", "python", ["python"], True)]


def test_all_files_fails_naming_the_violation_then_passes_once_fixed(
    project: Path, hook_repo: tuple[Path, dict[str, str]]
) -> None:
    failed = _try_repo(project, hook_repo, "--all-files")
    assert failed.returncode == 1, failed.stdout
    assert "bad.py:1:1: V205 f has 3 parameters (limit 2)\nChecked 1 file: 1 violation.\n" in failed.stdout
    (project / "bad.py").write_text(FIXED, encoding="utf-8")
    _git(project, hook_repo[1], "commit", "-q", "-a", "-m", "fixed")
    passed = _try_repo(project, hook_repo, "--all-files")
    assert passed.returncode == 0, passed.stdout
    assert "quality-gates (V2 limits)" in passed.stdout and "Passed" in passed.stdout


def test_only_staged_files_are_checked(project: Path, hook_repo: tuple[Path, dict[str, str]]) -> None:
    (project / "bad.py").write_text(FIXED, encoding="utf-8")
    (project / "staged.py").write_text("def g(x, y, z, w):\n    return x\n", encoding="utf-8")
    (project / "untracked.py").write_text(VIOLATING, encoding="utf-8")
    _git(project, hook_repo[1], "add", "staged.py")
    result = _try_repo(project, hook_repo)
    assert result.returncode == 1, result.stdout
    # bad.py's fix is unstaged (pre-commit stashes it, so the committed violation is not
    # re-checked: only staged files are passed) and untracked.py is not staged at all.
    assert "staged.py:1:1: V205 g has 4 parameters (limit 2)\nChecked 1 file: 1 violation.\n" in result.stdout
    assert "bad.py" not in result.stdout and "untracked.py" not in result.stdout
