"""Helpers of the depth-cache tests: in-process runs and reading / editing the pack's depths section."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from v2gate.cache.files import PACK_FORMAT, checksum
from v2gate.cache.store import CacheStats
from v2gate.config.settings import Settings
from v2gate.report import Report
from v2gate.run.pipeline import RunOptions, run_measured


def gate(settings: Settings, cache: bool = True) -> tuple[Report, CacheStats]:
    """One in-process run over the project at `settings.root`, cache at the default place."""
    cache_dir = settings.root / ".quality_gates_cache" if cache else None
    return run_measured(RunOptions(settings=settings, cwd=settings.root, cache_dir=cache_dir))


def pack_of(root: Path) -> Path:
    """The project's one pack file."""
    (pack,) = (root / ".quality_gates_cache").glob("measurements-*.json")
    return pack


def depths_section(root: Path) -> dict[str, Any]:
    """The depths section of the project's pack."""
    section: dict[str, Any] = json.loads(pack_of(root).read_text(encoding="utf-8").split("\n", 1)[1])[
        "depths"
    ]
    return section


def v206(report: Report) -> list[tuple[str, int | None]]:
    """(path, depth) of every V206 violation."""
    return [(violation.path, violation.value) for violation in report.violations if violation.code == "V206"]


def rewrite_depths(root: Path, change: Callable[[dict[str, Any], str], Any]) -> None:
    """Apply `change` to the pack's depths section and write the pack with a valid checksum."""
    pack = pack_of(root)
    body = json.loads(pack.read_text(encoding="utf-8").split("\n", 1)[1])
    change(body["depths"], str(root / "pkg" / "mod3.py"))
    text = json.dumps(body, separators=(",", ":"))
    pack.write_text(
        json.dumps({"format": PACK_FORMAT, "checksum": checksum(text)}) + "\n" + text, encoding="utf-8"
    )
