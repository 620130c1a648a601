"""Fixtures of the command-line tests: the pre-commit hook repository, shared by the session."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import ENGINE_VENVS
from tests.v2gate.cli.engine_venvs import EngineVenvs, engine_venvs, shared_root
from tests.v2gate.cli.hook_repo import git_env, run, shared_snapshot


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
    env = git_env(shared / "pre-commit-home")
    snapshot = shared_snapshot(shared, env)
    rev = run(["git", "rev-parse", "HEAD"], snapshot, env).stdout.strip()
    yield snapshot, rev, env
    if not worker:
        shutil.rmtree(shared, ignore_errors=True)


@pytest.fixture(scope="session", name="broken_engines")
def fixture_broken_engines(
    tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest
) -> Iterator[EngineVenvs]:
    """Two real venvs with a broken measuring engine (see tests/v2gate/cli/engine_venvs.py).

    A venv that cannot be built (no index, no pip cache) fails the test when CI is set and
    skips it otherwise.
    """
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    shared = shared_root(tmp_path_factory.getbasetemp())
    early = request.config.stash.get(ENGINE_VENVS, None)  # started with the session (tests/conftest.py)
    try:
        venvs = early.result() if early is not None else engine_venvs(shared)
    except subprocess.CalledProcessError as exc:
        if os.environ.get("CI"):
            raise
        pytest.skip(f"cannot build the test venvs ({exc.cmd}): {exc.stderr.strip()[-300:]}")
    yield venvs
    if not worker:
        shutil.rmtree(shared, ignore_errors=True)
