"""`quality-gates report --html DIR`: the written site, its records, and a clear message without the extra."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from v2gate.cli import main
from v2gate.html.pages import FilePage
from v2gate.html.tree import ROOT, treemap
from v2gate.report import FileSummary


def _page(number: int, path: str, lines: int, complexity: int) -> FilePage:
    row = FileSummary(path, lines, 1, 0, complexity, 1, 0)
    limits = {
        "max-file-lines": 400,
        "max-functions": 10,
        "max-classes": 5,
        "max-complexity": 10,
        "max-parameters": 5,
        "max-inheritance-depth": 2,
    }
    return FilePage(number, row, limits, (), (), ())


def test_the_treemap_nests_files_in_their_packages() -> None:
    tree = treemap([_page(0, "a/b/x.py", 40, 20), _page(1, "a/y.py", 10, 5), _page(2, "z.py", 0, 1)])
    assert tree.ids == ["a", "a/b", ROOT, "a/b/x.py", "a/y.py", "z.py"]
    assert tree.parents == [ROOT, "a", "", "a/b", "a", ROOT]
    assert tree.values == [0, 0, 0, 40, 10, 1]  # a file is at least 1 so an empty one still shows
    assert tree.colors == [
        2.0,
        2.0,
        2.0,
        2.0,
        0.5,
        0.2,
    ]  # worst ratio, capped at 2; a package: its worst file
    assert tree.links[3] == "files/00000.html"


def test_report_writes_a_page_per_file(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", "--html", "site", "--jobs", "1"]) == 0
    assert capsys.readouterr().out == "Wrote site/index.html: 4 files, 3 violations.\n"
    index = (project / "site" / "index.html").read_text(encoding="utf-8")
    assert "https://" not in index.replace("https://plot.ly", "").split("<script>")[0]  # nothing fetched
    assert 'href="files/00002.html#L9"' in index
    logic = (project / "site" / "files" / "00002.html").read_text(encoding="utf-8")
    assert '<span id="L9" class="line marked">' in logic


def test_report_of_given_paths(project: Path) -> None:
    assert main(["report", "--html", "site", "app/ok.py"]) == 0
    assert [page.name for page in (project / "site" / "files").iterdir()] == ["00000.html"]


@pytest.mark.parametrize("missing", ["jinja2", "plotly"])
def test_without_the_extra_a_clear_message(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, missing: str
) -> None:
    monkeypatch.setitem(sys.modules, missing, None)  # what an import of an absent package finds
    assert main(["report", "--html", "site"]) == 2
    err = capsys.readouterr().err
    assert (
        f"the HTML pages need {'Jinja2' if missing == 'jinja2' else 'plotly'}, which is not installed" in err
    )
    assert "pip install 'quality-gates[report]'" in err
