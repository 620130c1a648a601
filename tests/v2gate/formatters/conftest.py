"""Fixtures of the output-format tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.v2gate.formatters.format_project import FILES
from tests.v2gate.projects import write_project


@pytest.fixture(name="project")
def fixture_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The format project written to a temporary directory that is also the current directory."""
    monkeypatch.chdir(write_project(tmp_path, FILES))
    return tmp_path
