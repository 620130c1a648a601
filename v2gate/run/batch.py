"""Measure a run's files: answers from the cache first, the rest in-process or in workers."""

from __future__ import annotations

import gc
import os
from collections.abc import Sequence
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path

from v2gate.cache.store import CACHE_DIR_NAME, CacheStats, MeasurementCache
from v2gate.records import FileMetrics
from v2gate.run.bugs import InternalErrors, OnInternalError, is_internal
from v2gate.run.workers import measure_many, worker_count


@dataclass(frozen=True, slots=True)
class MeasureOptions:
    """`jobs`: processes to use (1 = in this process); `cache_dir`: None disables the cache;
    `on_internal_error` is told of each file a bug of the gate failed (e.g. to show `--debug`)."""

    jobs: int = 1
    cache_dir: Path | None = None
    on_internal_error: OnInternalError | None = None


@dataclass
class Measured:
    """Metrics per path, what the cache did (`stats.measured` files were parsed), how many
    processes measured (1: this one) and the run's cache (None: no cache)."""

    metrics: dict[Path, FileMetrics] = field(default_factory=dict)
    stats: CacheStats = field(default_factory=CacheStats)
    workers: int = 1
    cache: MeasurementCache | None = None


@dataclass(frozen=True, slots=True)
class _Pending:
    """A file the cache could not answer, with the stat taken before its bytes were read."""

    path: Path
    stat: os.stat_result | None


def _stat(path: Path) -> os.stat_result | None:
    try:
        return path.stat()
    except OSError:
        return None  # measuring it reports why it cannot be read


def _from_cache(paths: Sequence[Path], cache: MeasurementCache, into: Measured) -> list[_Pending]:
    """Fill `into` with every cached file; the rest, to be measured."""
    pending = []
    for path in paths:
        stat = _stat(path)
        metrics = cache.lookup(path, stat) if stat is not None else None
        if metrics is None:
            pending.append(_Pending(path, stat))
        else:
            into.metrics[path] = metrics
    return pending


def _open_and_look_up(
    paths: Sequence[Path], directory: Path, into: Measured
) -> tuple[MeasurementCache, list[_Pending]]:
    """Read the pack and fill `into` from it, with the cyclic garbage collector paused.

    Decoding a warm pack builds ~20,000 records and ~100,000 JSON objects, none of them in
    a reference cycle and most kept for the whole run; collections triggered by those
    allocations, and later ones, would only re-scan them (~25 ms of a ~0.27 s warm run on
    Django). So they are moved out of the collector's sight (`gc.freeze`) before it is
    switched back on; parsing, which may create cycles, runs with it on. `v2gate.run.pipeline.run_measured`
    hands them back (`gc.unfreeze`) when the run ends.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        cache = MeasurementCache.open(directory)
        into.stats, into.cache = cache.stats, cache
        return cache, _from_cache(paths, cache, into)
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


def _measure_pending(
    pending: list[_Pending], options: MeasureOptions, cache: MeasurementCache | None, into: Measured
) -> None:
    """Measure the files the cache could not answer, and add them to the cache.

    A file failed by a bug of the gate stays a V200 but is not cached; the same bug on too
    many files stops the run (RepeatedInternalError), and the pool with it.
    """
    # Largest first, so no worker is left with one big file at the end.
    sizes = [item.stat.st_size if item.stat else 0 for item in pending]
    order = sorted(range(len(pending)), key=lambda index: -sizes[index])
    paths = [pending[index].path for index in order]
    into.workers = worker_count(options.jobs, sizes)
    bugs = InternalErrors(options.on_internal_error)
    with closing(measure_many(paths, into.workers)) as results:
        for index, (digest, metrics) in zip(order, results, strict=False):
            item = pending[index]
            into.metrics[item.path] = metrics
            into.stats.measured += 1
            bugs.record(item.path, metrics)
            if (
                cache is not None
                and digest is not None
                and item.stat is not None
                and not is_internal(metrics)
            ):
                cache.add(item.path, item.stat, digest, metrics)


def measure_batch(paths: Sequence[Path], options: MeasureOptions, *, save: bool = True) -> Measured:
    """FileMetrics of every path (in `paths` order); never raises for a bad file.

    `save` False leaves writing the cache to the caller (`result.cache.save()`), which may
    add the resolved inheritance depths to the pack first.
    """
    result = Measured()
    if options.cache_dir is None:
        _measure_pending([_Pending(path, _stat(path)) for path in paths], options, None, result)
    else:
        cache, pending = _open_and_look_up(paths, options.cache_dir, result)
        _measure_pending(pending, options, cache, result)
        if save:
            cache.save()
    result.metrics = {path: result.metrics[path] for path in paths}
    return result


def cache_dir_for(root: Path, cwd: Path, given: str | None, enabled: bool = True) -> Path | None:
    """`--cache-dir DIR` (relative to the cwd), else `.quality_gates_cache` at the project root;
    None for `--no-cache`."""
    if not enabled:
        return None
    return cwd / given if given is not None else root / CACHE_DIR_NAME
