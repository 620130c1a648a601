"""Helpers of the cache tests: in-process runs, and reading or editing the project's pack file."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from v2gate.cache.files import PACK_FORMAT, checksum
from v2gate.cache.store import CacheStats
from v2gate.config.load import load_settings
from v2gate.config.settings import Settings
from v2gate.report import Report
from v2gate.run.pipeline import RunOptions, run_measured


def gate(
    project: Path | Settings, limits: dict[str, int] | None = None, cache: bool = True
) -> tuple[Report, CacheStats]:
    """One in-process run over a project (its root, with `limits` given as flags, or its
    settings), with its cache at the default place."""
    settings = project if isinstance(project, Settings) else load_settings(project, None, limits)
    cache_dir = settings.root / ".quality_gates_cache" if cache else None
    return run_measured(RunOptions(settings=settings, cwd=settings.root, cache_dir=cache_dir))


def pack_of(root: Path) -> Path:
    """The project's one pack file."""
    (pack,) = (root / ".quality_gates_cache").glob("measurements-*.json")
    return pack


def pack_body(pack: Path) -> dict[str, Any]:
    """The JSON body of a pack (after its head line)."""
    body: dict[str, Any] = json.loads(pack.read_text(encoding="utf-8").split("\n", 1)[1])
    return body


def rewrite_pack(pack: Path, change: Callable[[dict[str, Any]], object]) -> None:
    """Apply `change` to the pack body and write it with a valid checksum, as a buggy or
    hostile writer could."""
    body = pack_body(pack)
    change(body)
    text = json.dumps(body, separators=(",", ":"))
    pack.write_text(
        json.dumps({"format": PACK_FORMAT, "checksum": checksum(text)}) + "\n" + text, encoding="utf-8"
    )


def depths_section(root: Path) -> dict[str, Any]:
    """The depths section of the project's pack."""
    section: dict[str, Any] = pack_body(pack_of(root))["depths"]
    return section


def rewrite_depths(root: Path, change: Callable[[dict[str, Any], str], Any]) -> None:
    """Apply `change` to the depths section (and the path of pkg/mod3.py); checksum kept valid."""
    rewrite_pack(pack_of(root), lambda body: change(body["depths"], str(root / "pkg" / "mod3.py")))


def v206(report: Report) -> list[tuple[str, int | None]]:
    """(path, depth) of every V206 violation."""
    return [(violation.path, violation.value) for violation in report.violations if violation.code == "V206"]
