"""Persistence speed benchmark: every store against its raw driver doing the same durable work, as markdown.

    python -m benchmarks.store_speed [--messages 100000] [--sessions 10000] [--quick] [--backends json,sqlite,...]
    python -m benchmarks.store_speed --concurrency [--backends ...]   # persistence.aio vs a thread pool

For each backend it times, against the raw driver: append throughput and p50/p99 latency on a small
session, append latency on a session with `--messages` messages, get_messages(limit=50) on that
session, and list_sessions(limit=100) among `--sessions` sessions. Redis runs on a private
redis-server this script starts on a loopback port; --concurrency can also run the stores on a private
3-master Redis Cluster (backend "cluster"). Nothing here is a pass/fail test.
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
from collections.abc import Collection, Iterator, Sequence
from pathlib import Path

import redis
from redis.exceptions import RedisClusterException

# `python benchmarks/store_speed.py` puts benchmarks/ on sys.path, not the repository: add it, as
# `python -m benchmarks.store_speed` does, so both forms run.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.store_bench_aio import concurrency_table
from benchmarks.store_bench_backends import (
    BACKENDS,
    CLUSTER,
    CONCURRENCY_BACKENDS,
    DEFAULT_BACKENDS,
    Backend,
    Place,
    concurrency_url,
)
from benchmarks.store_bench_data import FULL, QUICK, Sizes
from benchmarks.store_bench_redis import redis_cluster, redis_server
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


def backend_list(text: str) -> list[str]:
    """argparse type: comma-separated backend names, each known (to the speed tables or to --concurrency)."""
    names = [name.strip() for name in text.split(",") if name.strip()]
    unknown = [name for name in names if name not in CONCURRENCY_BACKENDS]
    if unknown or not names:
        raise argparse.ArgumentTypeError(
            f"unknown backend(s) {', '.join(unknown) or '(none given)'}; "
            f"choose from {', '.join(BACKENDS)} (and {CLUSTER} with --concurrency)"
        )
    return names


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
        help=f"comma-separated, from {', '.join(BACKENDS)} (default: all); with --concurrency also "
        f"{CLUSTER}, the stores on a private 3-master Redis Cluster (default there: all and {CLUSTER})",
    )
    parser.add_argument(
        "--dir", type=directory, default=None, help="where the stores live (default: a temp dir)"
    )
    options = parser.parse_args(argv)
    if options.backends is None:
        options.backends = list(CONCURRENCY_BACKENDS if options.concurrency else DEFAULT_BACKENDS)
    elif not options.concurrency and CLUSTER in options.backends:
        parser.error(
            f"--backends: {CLUSTER} runs only with --concurrency (it has no raw driver to compare with)"
        )
    return options


def sizes_of(options: argparse.Namespace) -> Sizes:
    """The sizes: --quick or the full defaults, with any size given on the command line on top."""
    base = QUICK if options.quick else FULL
    given = {name: getattr(options, name) for name in ("messages", "sessions", "appends", "reads")}
    return dataclasses.replace(base, **{name: value for name, value in given.items() if value is not None})


@contextlib.contextmanager
def servers(names: Collection[str]) -> Iterator[tuple[str, str]]:
    """The URLs of the private redis-server and Redis Cluster, each started only if a chosen backend needs it
    (an empty string if not), and stopped afterwards."""
    with contextlib.ExitStack() as stack:
        needs_redis = any(name in BACKENDS and BACKENDS[name].needs_redis for name in names)
        redis_url = stack.enter_context(redis_server()) if needs_redis else ""
        cluster_url = stack.enter_context(redis_cluster()) if CLUSTER in names else ""
        yield redis_url, cluster_url


def run_concurrency(names: Sequence[str], root: Path, quick: bool) -> None:
    """Print the concurrency table: each backend's async and sync runs, each on a fresh store."""
    with servers(names) as (redis_url, cluster_url):
        urls = {}
        for name in names:
            places = [
                Place(Path(tempfile.mkdtemp(prefix=f"{name}-", dir=root)), redis_url, cluster_url)
                for _ in "as"
            ]
            urls[name] = tuple(
                concurrency_url(name, place, tag) for place, tag in zip(places, ("aio", "sync"), strict=True)
            )
        print(concurrency_table(urls, 10 if quick else 100), flush=True)


def run_all(backends: Sequence[Backend], sizes: Sizes, root: Path) -> list[BackendResult]:
    """Run every backend in its own directory (a fresh Redis database each), printing each table as it is done."""
    results = []
    with servers([backend.name for backend in backends]) as (url, _):
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
    if not options.concurrency:  # the concurrency table has its sizes in its heading
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
        results = run_all([BACKENDS[name] for name in options.backends], sizes, root)
    except (
        BenchmarkError,
        PersistenceError,
        OSError,
        sqlite3.Error,
        redis.RedisError,
        RedisClusterException,
    ) as exc:
        print(f"store_speed: {exc}", file=sys.stderr)
        return 1
    finally:
        shutil.rmtree(root, ignore_errors=True)
    print(summary(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
