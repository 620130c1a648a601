"""Git and pre-commit plumbing of the pre-commit tests: isolated environments and the hook repository."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

CHECKOUT = Path(__file__).resolve().parents[3]
TIMEOUT = 300  # seconds; the first run builds the hook's virtualenv


def git_env(home: Path) -> dict[str, str]:
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


def run(args: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
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


def git(repo: Path, env: dict[str, str], *args: str) -> None:
    """A git command that must succeed."""
    result = run(["git", "-c", "init.defaultBranch=main", *args], repo, env)
    assert result.returncode == 0, result.stdout


def snapshot(target: Path, env: dict[str, str]) -> None:
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
    git(target, env, "init", "-q")
    git(target, env, "add", "-A")
    git(target, env, "commit", "-q", "-m", "snapshot")


def shared_snapshot(shared: Path, env: dict[str, str]) -> Path:
    """The session's one snapshot under `shared`: the first worker to finish one publishes it
    by an atomic rename; a worker that loses the race uses the winner's."""
    final = shared / "hook-checkout"
    if not (final / ".git").is_dir():
        building = Path(tempfile.mkdtemp(prefix="building-", dir=shared))
        snapshot(building, env)
        try:
            building.rename(final)
        except OSError:  # another worker published first
            shutil.rmtree(building, ignore_errors=True)
    return final
