"""The rendered reports (the browser is tests/v2gate/conftest.py's)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.v2gate.formatters.format_project import FILES
from tests.v2gate.projects import write_project
from v2gate.cli import main

REPO = Path(__file__).resolve().parents[3]


@pytest.fixture(name="project")
def fixture_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The format project in a temporary directory that is also the current directory."""
    monkeypatch.chdir(write_project(tmp_path, FILES))
    return tmp_path


def render(project: Path, site: Path) -> Path:
    """`quality-gates report --html site` run in `project`; the index page."""
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(project)
        assert main(["report", "--html", str(site), "--jobs", "1"]) == 0
    return site / "index.html"


@pytest.fixture(scope="session", name="fixture_report")
def fixture_fixture_report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The format project (one violation of each kind) rendered."""
    project = write_project(tmp_path_factory.mktemp("project"), FILES)
    return render(project, tmp_path_factory.mktemp("site"))


@pytest.fixture(scope="session", name="repo_report")
def fixture_repo_report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """This repository rendered (with its own measurement cache, as the gate's run on itself uses)."""
    return render(REPO, tmp_path_factory.mktemp("repo-site"))
