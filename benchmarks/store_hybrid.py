"""The hybrid store when its cache cannot help, against its durable store (SQLite) reading the same range.

    python -m benchmarks.store_hybrid [--repeat 200]      (or: python benchmarks/store_hybrid.py)

Rows: `get_messages(limit=1)` on a session of 100 small messages and on one of 100 messages of 1 MiB
each, by plain SQLite and by a hybrid over the same file: with Redis down (nothing listens on the
cache port, so the cache is switched off after the first failure), and with Redis up but every read
a cache miss (the entry is dropped before each read, so each read refills). Each figure is the best
and the median of `--repeat` calls (milliseconds); the machine is shared, so compare within a run.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # `python benchmarks/store_hybrid.py` too

from benchmarks.store_bench_redis import redis_server
from persistence import open_store
from persistence.backends.hybrid.store import HybridStore
from persistence.base import StoreBase

DOWN = "redis://127.0.0.1:1/0"  # nothing listens on port 1: connections are refused at once
MIB = 1024 * 1024
SIZES = {"100 small messages": 100, "100 messages of 1 MiB": MIB}


def timed(call: Callable[[], object], repeat: int) -> tuple[float, float]:
    """(best, median) milliseconds of `repeat` calls."""
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        call()
        samples.append((time.perf_counter() - start) * 1000)
    return min(samples), statistics.median(samples)


def fill(url: str, size: int) -> None:
    """Session 's' with 100 messages of `size` bytes (content bytes, ASCII)."""
    with open_store(url, synchronous="NORMAL") as store:
        store.create_session(["ann"], session_id="s")
        for number in range(100):
            store.append_message("s", "ann", f"{number:08d}".ljust(size - 64, "x"))


def hybrid(db: str, cache: str) -> StoreBase:
    """A hybrid store over the SQLite file `db` with its cache at `cache`."""
    return open_store(f"hybrid:///?store=sqlite:///{db}&cache={cache}&prefix=bench")


def rows(folder: Path, cache_up: str, repeat: int) -> list[str]:
    """One markdown row per (data set, store)."""
    lines = []
    for name, size in SIZES.items():
        db = str(folder / f"{size}.db")
        fill(f"sqlite:///{db}", size)
        count = repeat if size < MIB else max(5, repeat // 20)
        with open_store(f"sqlite:///{db}") as plain, hybrid(db, DOWN) as down, hybrid(db, cache_up) as up:
            assert isinstance(up, HybridStore)
            base = timed(lambda: plain.get_messages("s", limit=1), count)
            figures = {
                "SQLite alone": base,
                "hybrid, Redis down": timed(lambda: down.get_messages("s", limit=1), count),
                "hybrid, every read a miss": timed(
                    lambda: (up.cache.drop("s"), up.get_messages("s", limit=1)), count
                ),
            }
        for store, (best, median) in figures.items():
            lines.append(f"| {name} | {store} | {best:.3f} | {median:.3f} | {median / base[1]:.1f}x |")
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    """Print the table; 0 on success."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=200, help="calls per figure (a twentieth for 1 MiB)")
    args = parser.parse_args(argv)
    print("| session | store | best ms | median ms | median / SQLite |")
    print("|---|---|---|---|---|")
    with tempfile.TemporaryDirectory(prefix="store-hybrid-") as folder, redis_server() as cache_up:
        for line in rows(Path(folder), cache_up, args.repeat):
            print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
