"""Resolved inheritance depths kept in the measurement pack, reused while no project file changed.

Depths are measurements of the project (what each class derives from), not verdicts: limits
never enter the key, so changing `max-inheritance-depth` reuses them. The key covers
everything resolution reads: every measured file's path and content digest, the inputs of
the module names (the project root, whether `root/src` is a src layout, and the current
directory, against which a relative path is made absolute) and `ignore-bases`. When that
key differs (a file was edited), a second key over what resolution actually reads of each
file — its class and import records, instead of its bytes — is compared: an edit inside a
function body (most edits) reuses the depths too. Otherwise the project resolves again
(~0.05 s on Django's ~2,000 classes; reusing costs a few ms). A run without a cache, or
with a file that has no digest (unreadable), always resolves.

Pack section: `{"key": ..., "tables": ..., "rows": {path: [[depth, [chain...], cycle], ...]}}`,
one row per class statement of files that define classes. Rows that do not fit the run's records
(wrong count, wrong types) are ignored and resolved again: never a crash.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Collection, Mapping
from pathlib import Path
from typing import Any, Protocol

from v2gate.cache.codec import encode_tables
from v2gate.cache.store import CacheStats, MeasurementCache
from v2gate.inheritance.depth import Depth
from v2gate.inheritance.modules import is_src_layout
from v2gate.records import FileMetrics

Depths = dict[Path, tuple[Depth, ...]]


class MeasuredFiles(Protocol):
    """What the depths need from a run's measurement (`v2gate.run.batch.Measured`)."""

    @property
    def metrics(self) -> Mapping[Path, FileMetrics]: ...

    @property
    def stats(self) -> CacheStats: ...

    @property
    def cache(self) -> MeasurementCache | None: ...


def depths_key(
    cache: MeasurementCache, paths: Collection[Path], root: Path, ignore_bases: Collection[str]
) -> str | None:
    """The key of one project state, or None when some file has no digest in this run."""
    files = []
    for path in paths:
        digest = cache.digest(path)
        if digest is None:
            return None
        files.append((str(path), digest))
    # JSON keeps the parts unambiguous whatever characters the paths or base names hold.
    state = [os.getcwd(), os.path.abspath(root), is_src_layout(root), sorted(ignore_bases), files]
    return hashlib.blake2b(json.dumps(state).encode("utf-8"), digest_size=20).hexdigest()


def tables_key(metrics: Mapping[Path, FileMetrics], root: Path, ignore_bases: Collection[str]) -> str:
    """The key of what resolution reads: each file's path, classes and import bindings."""
    files = [(str(path), encode_tables(measured)) for path, measured in metrics.items()]
    state = [os.getcwd(), os.path.abspath(root), is_src_layout(root), sorted(ignore_bases), files]
    return hashlib.blake2b(json.dumps(state).encode("utf-8"), digest_size=20).hexdigest()


def encode_depths(depths: Mapping[Path, tuple[Depth, ...]]) -> dict[str, list[Any]]:
    """JSON rows of the files that define classes."""
    return {
        str(path): [[found.depth, list(found.chain), found.cycle] for found in rows]
        for path, rows in depths.items()
        if rows
    }


def _depth(row: Any) -> Depth:
    """One Depth from its JSON row; ValueError when the row does not hold one."""
    depth, chain, cycle = row
    chain = tuple(chain)
    if type(depth) is not int or type(cycle) is not bool or not all(type(name) is str for name in chain):
        raise ValueError("not a depth row")
    return Depth(depth, chain, cycle)


def decode_depths(rows: Any, metrics: Mapping[Path, FileMetrics]) -> Depths | None:
    """The depths of every file in `metrics` from `encode_depths` rows; None if they do not fit."""
    result: Depths = {}
    try:
        for path, measured in metrics.items():
            count = len(measured.classes)
            found = tuple(_depth(row) for row in rows[str(path)]) if count else ()
            if len(found) != count:
                return None
            result[path] = found
    except (KeyError, TypeError, ValueError):
        return None
    return result


def depths_with_cache(
    batch: MeasuredFiles, root: Path, ignore_bases: Collection[str], resolve: Callable[[], Depths]
) -> Depths:
    """The pack's depths when its key matches this run, else `resolve()` (kept for next time)."""
    cache = batch.cache
    key = None if cache is None else depths_key(cache, batch.metrics, root, ignore_bases)
    if cache is None or key is None:
        depths = resolve()
        batch.stats.depths_resolved += 1
        if cache is not None:
            cache.new_depths = {}
        return depths
    stored = cache.depths
    if stored.get("key") == key:
        found = decode_depths(stored.get("rows"), batch.metrics)
        if found is not None:
            cache.new_depths = stored
            return found
    tables = tables_key(batch.metrics, root, ignore_bases)
    found = decode_depths(stored.get("rows"), batch.metrics) if stored.get("tables") == tables else None
    if found is None:
        found = resolve()
        batch.stats.depths_resolved += 1
    cache.new_depths = {"key": key, "tables": tables, "rows": encode_depths(found)}
    return found
