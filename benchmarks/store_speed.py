"""Persistence speed benchmark: every store against its raw driver doing the same durable work, as markdown.

    python -m benchmarks.store_speed [--messages 100000] [--sessions 10000] [--quick] [--backends json,sqlite,...]
    python -m benchmarks.store_speed --concurrency [--backends ...]   # persistence.aio vs a thread pool

For each backend it times, against the raw driver: append throughput and p50/p99 latency on a small
session, append latency on a session with `--messages` messages, get_messages(limit=50) on that
session, and list_sessions(limit=100) among `--sessions` sessions. Redis runs on a private
redis-server this script starts on a loopback port. Nothing here is a pass/fail test.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import os
import shutil
import sqlite3
import sys
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path

import redis

# `python benchmarks/store_speed.py` puts benchmarks/ on sys.path, not the repository: add it, as
# `python -m benchmarks.store_speed` does, so both forms run.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.store_bench_aio import concurrency_table
from benchmarks.store_bench_backends import BACKENDS, DEFAULT_BACKENDS, Backend, Place
from benchmarks.store_bench_data import FULL, QUICK, Sizes
from benchmarks.store_bench_redis import redis_server
from benchmarks.store_bench_report import backend_table, machine, summary
from benchmarks.store_bench_run import BackendResult, BenchmarkError, run_backend
from benchmarks.store_bench_timing import ROUNDS, WARMUP_CALLS
from persistence.errors import PersistenceError


def count(text: str) -> int:
    """argparse type: an int of at least 2."""
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 2:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 2, got {text!r}")
    return value


def backend_list(text: str) -> list[Backend]:
    """argparse type: comma-separated backend names, each known."""
    names = [name.strip() for name in text.split(",") if name.strip()]
    unknown = [name for name in names if name not in BACKENDS]
    if unknown or not names:
        raise argparse.ArgumentTypeError(
            f"unknown backend(s) {', '.join(unknown) or '(none given)'}; choose from {', '.join(BACKENDS)}"
        )
    return [BACKENDS[name] for name in names]


def directory(text: str) -> Path:
    """argparse type: an existing, writable directory."""
    path = Path(text)
    if not path.is_dir() or not os.access(path, os.W_OK | os.X_OK):
        raise argparse.ArgumentTypeError(f"{text!r} is not an existing directory this user can write to")
    return path


def parse(argv: Sequence[str] | None) -> argparse.Namespace:
    """The command line; argparse exits 2 with a message on bad input."""
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.store_speed", description=__doc__.splitlines()[0]
    )
    parser.add_argument(
        "--messages", type=count, help=f"messages in the big session (default {FULL.messages})"
    )
    parser.add_argument("--sessions", type=count, help=f"sessions in the store (default {FULL.sessions})")
    parser.add_argument("--appends", type=count, help=f"timed appends per measure (default {FULL.appends})")
    parser.add_argument("--reads", type=count, help=f"timed reads per measure (default {FULL.reads})")
    parser.add_argument("--quick", action="store_true", help="tiny sizes, for a smoke test (seconds)")
    parser.add_argument(
        "--concurrency",
        action="store_true",
        help="instead: 100 sessions x 20 concurrent appenders, persistence.aio on one loop vs 20 threads",
    )
    parser.add_argument(
        "--backends",
        type=backend_list,
        default=[BACKENDS[name] for name in DEFAULT_BACKENDS],
        help=f"comma-separated, from {', '.join(BACKENDS)} (default: all)",
    )
    parser.add_argument(
        "--dir", type=directory, default=None, help="where the stores live (default: a temp dir)"
    )
    return parser.parse_args(argv)


def sizes_of(options: argparse.Namespace) -> Sizes:
    """The sizes: --quick or the full defaults, with any size given on the command line on top."""
    base = QUICK if options.quick else FULL
    given = {name: getattr(options, name) for name in ("messages", "sessions", "appends", "reads")}
    return dataclasses.replace(base, **{name: value for name, value in given.items() if value is not None})


@contextlib.contextmanager
def redis_if_needed(backends: Sequence[Backend]) -> Iterator[str]:
    """The private redis-server's URL when a chosen backend needs Redis, else an empty string."""
    if not any(backend.needs_redis for backend in backends):
        yield ""
        return
    with redis_server() as url:
        yield url


def run_concurrency(backends: Sequence[Backend], root: Path, quick: bool) -> None:
    """Print the concurrency table: each backend's async and sync runs, each on a fresh store."""
    with redis_if_needed(backends) as url:
        urls = {}
        for backend in backends:
            places = [Place(Path(tempfile.mkdtemp(prefix=f"{backend.name}-", dir=root)), url) for _ in "as"]
            urls[backend.name] = tuple(
                backend.run_url(place)
                + (
                    f"{'&' if '?' in backend.run_url(place) else '?'}prefix={tag}"
                    if backend.needs_redis
                    else ""
                )
                for place, tag in zip(places, ("aio", "sync"), strict=True)
            )
        print(concurrency_table(urls, 10 if quick else 100), flush=True)


def run_all(backends: Sequence[Backend], sizes: Sizes, root: Path) -> list[BackendResult]:
    """Run every backend in its own directory (a fresh Redis database each), printing each table as it is done."""
    results = []
    with redis_if_needed(backends) as url:
        for backend in backends:
            if url:
                with redis.Redis.from_url(url) as client:
                    client.flushall()
            place = Place(Path(tempfile.mkdtemp(prefix=f"{backend.name}-", dir=root)), url)
            try:
                results.append(run_backend(backend, place, sizes))
            finally:
                shutil.rmtree(place.directory, ignore_errors=True)
            print(backend_table(results[-1], sizes), flush=True)
    return results


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark and print markdown; 0 when it ran, 1 when a store or the Redis server failed."""
    options = parse(argv)
    sizes = sizes_of(options)
    root = Path(tempfile.mkdtemp(prefix="store-bench-", dir=options.dir))
    print("## Persistence speed\n")
    print(machine(root))
    print(
        f"Sizes: {sizes.messages:,} messages in the big session, {sizes.sessions:,} sessions, {sizes.appends} "
        f"timed appends and {sizes.reads} timed reads per measure (fewer where that would take over "
        f"~{sizes.budget:g} s); store and raw calls alternate in {ROUNDS} rounds after {WARMUP_CALLS} "
        "warm-up calls each, so background load hits both alike.\n",
        flush=True,
    )
    try:
        if options.concurrency:
            run_concurrency(options.backends, root, options.quick)
            return 0
        results = run_all(options.backends, sizes, root)
    except (BenchmarkError, PersistenceError, OSError, sqlite3.Error, redis.RedisError) as exc:
        print(f"store_speed: {exc}", file=sys.stderr)
        return 1
    finally:
        shutil.rmtree(root, ignore_errors=True)
    print(summary(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
