"""The measurement cache: hits, misses after edits, limits changed without re-measuring."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

import v2gate
from tests.v2gate.cache.packs import gate
from tests.v2gate.projects import write_project
from tests.v2gate.speed_project import speed_files
from v2gate.cache.key import gate_sources
from v2gate.cli import main


@pytest.fixture(name="project")
def fixture_project(tmp_path: Path) -> Path:
    write_project(tmp_path, speed_files(modules=4, pool_sized=False))
    return tmp_path


def test_second_run_is_served_from_the_cache(project: Path) -> None:
    cold_report, cold = gate(project)
    warm_report, warm = gate(project)
    assert (cold.measured, cold.hits) == (6, 0)
    assert (warm.measured, warm.hits, warm.hashed) == (0, 6, 6)  # files just written: stat not trusted yet
    assert warm_report == cold_report == gate(project, cache=False)[0]


def test_old_files_are_recognised_by_their_stat_alone(project: Path) -> None:
    hour_ago = os.stat(project / "pkg" / "mod1.py").st_mtime_ns - 3600 * 10**9
    for path in (project / "pkg").iterdir():
        os.utime(path, ns=(hour_ago, hour_ago))
    gate(project)
    _, warm = gate(project)
    assert (warm.measured, warm.hits, warm.hashed) == (0, 6, 0)


def test_an_edit_is_measured_again(project: Path) -> None:
    gate(project)
    edited = project / "pkg" / "mod2.py"
    edited.write_text(edited.read_text(encoding="utf-8") + "\n\nclass Extra:\n    pass\n", encoding="utf-8")
    report, stats = gate(project)
    assert (stats.measured, stats.hits) == (1, 5)
    row = next(row for row in report.files if row.path.endswith("mod2.py"))
    assert row.classes == 2
    assert report == gate(project, cache=False)[0]


def test_same_size_same_mtime_edit_of_a_fresh_file_is_seen(project: Path) -> None:
    # Racy-clean rule: an edit inside the same mtime tick that keeps the size must not hide.
    path = project / "pkg" / "mod1.py"
    gate(project)
    before = os.stat(path)
    path.write_text(path.read_text(encoding="utf-8").replace("branchy_1", "branchy_9"), encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    report, stats = gate(project)
    assert stats.measured == 1
    assert report == gate(project, cache=False)[0]


def test_changing_limits_needs_no_measurement(project: Path) -> None:
    strict, _ = gate(project)
    relaxed, stats = gate(project, {"max-complexity": 10, "max-inheritance-depth": 10})
    assert stats.measured == 0 and stats.hits == 6
    assert {v.code for v in strict.violations} >= {"V200", "V204", "V206"}
    assert {v.code for v in relaxed.violations} == {"V200"}


def test_cache_directory_layout_and_flags(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(project)
    assert main(["--no-cache"]) == 1
    assert not (project / ".quality_gates_cache").exists()
    assert main([]) == 1
    default = project / ".quality_gates_cache"
    assert (default / ".gitignore").read_text(encoding="utf-8").splitlines()[-1] == "*"
    packs = list(default.glob("measurements-*.json"))
    assert len(packs) == 1
    head, body = packs[0].read_text(encoding="utf-8").split("\n", 1)
    assert json.loads(head)["format"] == 1
    assert len(json.loads(body)["entries"]) == 6  # JSON, one entry per distinct content
    assert main(["--cache-dir", "elsewhere"]) == 1
    assert len(list((project / "elsewhere").glob("measurements-*.json"))) == 1


def test_the_fingerprint_stamps_every_module_of_the_gate() -> None:
    # An edited module in any subpackage (a measurement rule, say) must make a new cache.
    package = Path(v2gate.__file__).parent
    stamped = {Path(stamp.rsplit(":", 2)[0]) for stamp in gate_sources()}
    modules = {path for path in package.rglob("*.py") if "__pycache__" not in path.parts}
    assert stamped == modules
    assert {package / "measure" / "lines.py", package / "inheritance" / "resolve.py"} <= stamped
