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

import os
import shutil
import subprocess
import sys
import tempfile
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


def _snapshot(target: Path, env: dict[str, str]) -> None:
    """Copy the working tree (tracked and untracked, minus ignored files) to `target` and commit it."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=CHECKOUT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    for name in filter(None, listed.split("\0")):
        source = CHECKOUT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    _git(target, env, "init", "-q")
    _git(target, env, "add", "-A")
    _git(target, env, "commit", "-q", "-m", "snapshot")


def _shared_snapshot(shared: Path, env: dict[str, str]) -> Path:
    """The session's one snapshot under `shared`: the first worker to finish one publishes it
    by an atomic rename; a worker that loses the race uses the winner's."""
    final = shared / "hook-checkout"
    if not (final / ".git").is_dir():
        building = Path(tempfile.mkdtemp(prefix="building-", dir=shared))
        _snapshot(building, env)
        try:
            building.rename(final)
        except OSError:  # another worker published first
            shutil.rmtree(building, ignore_errors=True)
    return final


@pytest.fixture(scope="session", name="hook_repo")
def fixture_hook_repo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str, dict[str, str]]]:
    """(the snapshot repository, its commit, the environment with the session's PRE_COMMIT_HOME).

    Under pytest-xdist every worker has its own session, so the snapshot and the home live
    in the directory all workers share (pytest removes it with its old base directories).
    """
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    base = tmp_path_factory.getbasetemp()
    shared = base.parent / "precommit" if worker else base / "precommit"
    shared.mkdir(exist_ok=True)
    env = _git_env(shared / "pre-commit-home")
    snapshot = _shared_snapshot(shared, env)
    rev = _run(["git", "rev-parse", "HEAD"], snapshot, env).stdout.strip()
    yield snapshot, rev, env
    if not worker:
        shutil.rmtree(shared, ignore_errors=True)


@pytest.fixture(name="project")
def fixture_project(tmp_path: Path, hook_repo: tuple[Path, str, dict[str, str]]) -> Path:
    """A fresh git repository with a pyproject.toml (max-parameters = 2) and a committed violating file."""
    env = hook_repo[2]
    project = tmp_path / "project"
    project.mkdir()
    _git(project, env, "init", "-q")
    (project / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    (project / "bad.py").write_text(VIOLATING, encoding="utf-8")
    _git(project, env, "add", "-A")
    _git(project, env, "commit", "-q", "-m", "violating")
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
    return _run([sys.executable, "-m", "pre_commit", "run", "--config", str(config), *extra], project, env)


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
    _git(project, hook_repo[2], "commit", "-q", "-a", "-m", "fixed")
    passed = _run_hook(project, hook_repo, "--all-files")
    assert passed.returncode == 0, passed.stdout
    assert "quality-gates (V2 limits)" in passed.stdout and "Passed" in passed.stdout


def test_only_staged_files_are_checked(project: Path, hook_repo: tuple[Path, str, dict[str, str]]) -> None:
    (project / "bad.py").write_text(FIXED, encoding="utf-8")
    (project / "staged.py").write_text("def g(x, y, z, w):\n    return x\n", encoding="utf-8")
    (project / "untracked.py").write_text(VIOLATING, encoding="utf-8")
    _git(project, hook_repo[2], "add", "staged.py")
    result = _run_hook(project, hook_repo)
    assert result.returncode == 1, result.stdout
    # bad.py's fix is unstaged (pre-commit stashes it, so the committed violation is not
    # re-checked: only staged files are passed) and untracked.py is not staged at all.
    assert "staged.py:1:1: V205 g has 4 parameters (limit 2)\nChecked 1 file: 1 violation.\n" in result.stdout
    assert "bad.py" not in result.stdout and "untracked.py" not in result.stdout
