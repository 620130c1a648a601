"""Resolved inheritance depths in the cache pack: reused while nothing changed, resolved after a change."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from tests.v2gate.cache.packs import depths_section, gate, rewrite_depths, v206
from tests.v2gate.projects import write_project
from tests.v2gate.speed_project import speed_files
from v2gate.config.load import load_settings
from v2gate.config.settings import Settings

REPO = Path(__file__).resolve().parents[3]


@pytest.fixture(name="settings")
def fixture_settings(tmp_path: Path) -> Settings:
    # pkg.mod0.Base0(ValueError) <- mod1.Base1 <- mod2.Base2 <- mod3.Base3: depths 1, 2, 3, 4.
    write_project(tmp_path, speed_files(modules=4, pool_sized=False))
    return load_settings(tmp_path, None, None)


def test_unchanged_project_reuses_the_stored_depths(settings: Settings) -> None:
    cold_report, cold = gate(settings)
    stored = depths_section(settings.root)
    warm_report, warm = gate(settings)
    assert (cold.depths_resolved, warm.depths_resolved) == (1, 0)
    assert warm_report == cold_report == gate(settings, cache=False)[0]
    assert v206(warm_report) == [("pkg/mod2.py", 3), ("pkg/mod3.py", 4)]
    # Files without classes (the empty __init__, the V200 file) have no rows.
    assert sorted(Path(path).name for path in stored["rows"]) == ["mod0.py", "mod1.py", "mod2.py", "mod3.py"]
    assert stored["rows"][str(settings.root / "pkg" / "mod3.py")] == [
        [4, ["Base3", "Base2", "Base1", "Base0", "ValueError"], False]
    ]
    assert depths_section(settings.root) == stored  # a warm run rewrites nothing


def test_changed_limits_still_reuse_the_depths(settings: Settings) -> None:
    # Depths are measurements, not verdicts: a new limit judges the same numbers.
    gate(settings)
    relaxed = load_settings(settings.root, None, {"max-inheritance-depth": 3})
    report, stats = gate(relaxed)
    assert (stats.measured, stats.depths_resolved) == (0, 0)
    assert v206(report) == [("pkg/mod3.py", 4)]


def test_an_edit_resolves_again(settings: Settings) -> None:
    gate(settings)
    key = depths_section(settings.root)["key"]
    # mod2 no longer derives from mod1: Base2 -> depth 1, Base3 -> depth 2 (within the limit).
    edited = settings.root / "pkg" / "mod2.py"
    edited.write_text(
        edited.read_text(encoding="utf-8").replace("Base2(Parent)", "Base2(KeyError)"), encoding="utf-8"
    )
    report, stats = gate(settings)
    assert (stats.measured, stats.depths_resolved) == (1, 1)
    assert v206(report) == []
    assert report == gate(settings, cache=False)[0]
    assert depths_section(settings.root)["key"] != key
    assert gate(settings)[1].depths_resolved == 0


def test_an_edit_that_keeps_classes_and_imports_reuses_the_depths(settings: Settings) -> None:
    gate(settings)
    stored = depths_section(settings.root)
    edited = settings.root / "pkg" / "mod2.py"
    edited.write_text(
        edited.read_text(encoding="utf-8") + "\n\ndef added(value):\n    return value\n", "utf-8"
    )
    report, stats = gate(settings)
    assert (stats.measured, stats.depths_resolved) == (1, 0)
    assert report == gate(settings, cache=False)[0]
    section = depths_section(settings.root)
    assert section["key"] != stored["key"] and section["tables"] == stored["tables"]
    assert section["rows"] == stored["rows"]


def test_a_new_or_deleted_file_resolves_again(settings: Settings) -> None:
    gate(settings)
    extra = settings.root / "pkg" / "mod4.py"
    extra.write_text("from pkg.mod3 import Base3\n\n\nclass Base4(Base3):\n    pass\n", encoding="utf-8")
    report, stats = gate(settings)
    assert stats.depths_resolved == 1
    assert ("pkg/mod4.py", 5) in v206(report)
    extra.unlink()
    report, stats = gate(settings)
    assert stats.depths_resolved == 1
    assert ("pkg/mod4.py", 5) not in v206(report)


def test_changed_ignore_bases_resolve_again(settings: Settings) -> None:
    gate(settings)
    # Ignoring ValueError takes one level off every class of the chain.
    ignoring = replace(settings, ignore_bases=(*settings.ignore_bases, "ValueError"))
    report, stats = gate(ignoring)
    assert (stats.measured, stats.depths_resolved) == (0, 1)
    assert v206(report) == [("pkg/mod3.py", 3)]
    assert gate(ignoring)[1].depths_resolved == 0
    assert gate(settings)[1].depths_resolved == 1  # and back


@pytest.mark.parametrize(
    "change",
    [
        lambda section, mod3: section["rows"].__setitem__(mod3, []),  # fewer rows than classes
        lambda section, mod3: section["rows"].pop(mod3),  # a file with classes has no rows
        lambda section, mod3: section["rows"][mod3][0].__setitem__(0, "4"),  # depth is not an int
        lambda section, mod3: section["rows"][mod3][0].__setitem__(1, ["Base3", 7]),  # chain holds a non-name
        lambda section, mod3: section["rows"][mod3][0].__setitem__(2, "no"),  # cycle is not a bool
        lambda section, mod3: section["rows"][mod3].__setitem__(0, [4, ["Base3"]]),  # row too short
        lambda section, mod3: section["rows"][mod3].__setitem__(0, 4),  # row is not a list
        lambda section, mod3: section.__setitem__("rows", []),  # rows are not a mapping
        lambda section, mod3: section.__setitem__("rows", None),
    ],
)
def test_depth_rows_that_do_not_fit_are_resolved_again(settings: Settings, change: Any) -> None:
    expected, _ = gate(settings)
    rewrite_depths(settings.root, change)
    report, stats = gate(settings)
    assert (stats.measured, stats.depths_resolved) == (0, 1)
    assert report == expected
    assert gate(settings)[1].depths_resolved == 0  # the rewritten pack holds good rows again


def test_depths_are_always_resolved_without_a_cache(settings: Settings) -> None:
    gate(settings)
    for _ in range(2):
        assert gate(settings, cache=False)[1].depths_resolved == 1


# A warm CLI run in a fresh interpreter: is inheritance resolution loaded at all?
PROBE = f"""
import sys
sys.path.insert(0, {str(REPO)!r})
from v2gate.cli import main
main(sys.argv[1:])
print("v2gate.inheritance.resolve" in sys.modules)
"""


def test_a_warm_run_does_not_load_inheritance_resolution(settings: Settings) -> None:
    def loaded(*args: str) -> str:
        done = subprocess.run(
            [sys.executable, "-c", PROBE, *args],
            cwd=settings.root,
            capture_output=True,
            text=True,
            check=True,
            timeout=120,
        )
        return done.stdout.splitlines()[-1]

    assert loaded("--jobs", "1") == "True"  # cold: resolved
    assert loaded("--jobs", "1") == "False"  # warm: the stored depths
    assert loaded("--jobs", "1", "--max-inheritance-depth", "5") == "False"  # new limits: still stored
