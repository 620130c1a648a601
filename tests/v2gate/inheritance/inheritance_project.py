"""Test helper: measure a small project given as {relative path: source} into class tables."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from pathlib import Path
from textwrap import dedent

from v2gate.inheritance.modules import module_name
from v2gate.inheritance.resolve import DEFAULT_IGNORE_BASES, ClassTable, Depth, inheritance_depths
from v2gate.measure.source import measure_source

# Module names are computed lexically, so the root need not exist (no `src/__init__.py` there).
ROOT = Path("/nonexistent-project-root")


def project_tables(files: Mapping[str, str]) -> dict[str, ClassTable]:
    """Measure every file with the real measurement and name it by its path."""
    tables: dict[str, ClassTable] = {}
    for relative, source in files.items():
        name = module_name(ROOT / relative, ROOT)
        metrics = measure_source(dedent(source).encode())
        assert metrics.failure is None, (relative, metrics.failure)
        tables[name.name] = ClassTable.from_metrics(name, metrics)
    return tables


def project_depths(
    files: Mapping[str, str], ignore_bases: Collection[str] = DEFAULT_IGNORE_BASES
) -> dict[tuple[str, str], Depth]:
    """(module, class symbol) -> Depth for a project given as sources."""
    return inheritance_depths(project_tables(files), ignore_bases)
