"""Measure files in this process or in a pool of worker processes; results in input order."""

from __future__ import annotations

import os
from collections.abc import Generator, Sequence
from pathlib import Path

from v2gate.cache.store import content_digest
from v2gate.errors import GateError
from v2gate.records import FileMetrics

# Below this much source, starting workers (each imports radon and the measuring code) costs
# more than it saves: a pre-commit run on a few files stays in-process.
POOL_MIN_BYTES = 256 * 1024
# Tasks handed to a worker at a time: small enough that the last big file does not leave
# the other workers idle, large enough that the pipe round trips do not matter.
CHUNK_SIZE = 4


class WorkerError(GateError):
    """A worker process died (a crash in a parser); the run cannot be trusted."""


def measure_file(path: str) -> tuple[str | None, FileMetrics]:
    """(digest of the bytes measured, metrics) of one file; never raises for a bad file."""
    # Imported here: the parsing stack loads only in a process that parses something.
    from v2gate.measure.source import measure_source, unreadable

    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        return None, unreadable(exc)
    return content_digest(data), measure_source(data)


def worker_count(jobs: int, sizes: Sequence[int]) -> int:
    """How many processes to use: 1 (in-process) unless there is enough work for a pool."""
    if jobs <= 1 or len(sizes) < 2 or sum(sizes) < POOL_MIN_BYTES:
        return 1
    return min(jobs, len(sizes))


def measure_many(
    paths: Sequence[Path], workers: int
) -> Generator[tuple[str | None, FileMetrics], None, None]:
    """`measure_file` of each path, in the order given, using `workers` processes.

    A broken engine (EngineError, raised in the worker) reaches the caller as itself; closing
    the generator early cancels the files not yet started.
    """
    names = [str(path) for path in paths]
    if workers <= 1:
        yield from map(measure_file, names)
        return
    # Imported here: a cached or single-process run does not pay for multiprocessing.
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    try:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            yield from pool.map(measure_file, names, chunksize=CHUNK_SIZE)
    except BrokenProcessPool as exc:
        raise WorkerError(
            "a worker process died while measuring (a crash in a parser); rerun with --jobs 1"
            " to see which file causes it, and please report it"
        ) from exc


def default_jobs() -> int:
    """One worker per CPU this process may use."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)
