"""The 30-commit repository, made once per test session (per xdist worker); tests copy it to change it."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.v2gate.history.repo import make_repository


@pytest.fixture(scope="session", name="history_repo")
def fixture_history_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_repository(tmp_path_factory.mktemp("history-repo"))
