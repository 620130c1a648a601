"""The backends the store benchmark knows: store URLs for setup and timing, and the raw driver to compare with.

Adding a backend is one `Backend(...)` entry in BACKENDS. The concurrency benchmark (--concurrency) runs
these and CLUSTER, which has no raw driver here and so no speed table.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import quote

from benchmarks.store_bench_data import Sizes
from benchmarks.store_bench_raw_hybrid import RawHybrid
from benchmarks.store_bench_raw_json import RawJson
from benchmarks.store_bench_raw_redis import RawRedis
from benchmarks.store_bench_raw_sqlite import RawSqlite


class RawDriver(Protocol):
    """What the benchmark times on the raw side; each call does what the matching store call does."""

    def populate(self, sizes: Sizes, now: float) -> None:
        """Write the same sessions and messages the store gets (setup, not timed)."""

    def append(self, session_id: str) -> None:
        """One durable append to `session_id`."""

    def recent(self) -> list[Any]:
        """The 50 newest messages of the big session."""

    def newest(self) -> list[Any]:
        """The 100 most recently updated sessions."""

    def close(self) -> None:
        """Release connections."""


@dataclass(frozen=True)
class Place:
    """Where one backend's run keeps its data: its own directory, the benchmark's redis-server and Redis
    Cluster if any."""

    directory: Path
    redis_url: str
    cluster_url: str = ""

    def file(self, name: str) -> str:
        """An absolute path inside the directory."""
        return str(self.directory / name)


@dataclass(frozen=True)
class Backend:
    """One store configuration under test and its raw-driver baseline."""

    name: str
    append_work: str  # what one timed append makes durable, store and raw alike (for the report)
    setup_url: Callable[[Place], str]  # the store populated before timing (may be a faster-to-fill twin)
    run_url: Callable[[Place], str]  # the store that is timed
    raw: Callable[[Place], RawDriver]
    needs_redis: bool = False
    setup_note: str = ""  # how setup_url differs from run_url, if it does
    # A store whose get_messages a target compares with, timed in turns with this backend's reads.
    reference_url: Callable[[Place], str] | None = None
    reference_name: str = ""


def hybrid_url(place: Place, synchronous: str) -> str:
    """A hybrid URL over an SQLite file at `synchronous` and the benchmark's Redis, nested URLs encoded."""
    store = f"sqlite:///{place.file('hybrid.db')}?synchronous={synchronous}"
    return f"hybrid:///?store={quote(store, safe='')}&cache={quote(place.redis_url, safe='')}"


def sqlite_url(place: Place, synchronous: str) -> str:
    """An SQLite store URL at `synchronous` (FULL: fsync per commit; NORMAL: none, WAL checkpoints sync)."""
    return f"sqlite:///{place.file('store.db')}?synchronous={synchronous}"


JSON_WORK = (
    "store: flock, read session.json + the log's last 2 lines, log line + fsync; raw: open/append/fsync/close"
)
SQLITE_WORK = "store: BEGIN IMMEDIATE, UPDATE … RETURNING, INSERT, COMMIT; raw: BEGIN, INSERT, COMMIT; WAL, synchronous={}"
REDIS_WORK = (
    "store: pipeline of EVALSHA (HMGET, RPUSH, PEXPIRE x2, HSET) + ZADD; raw: MULTI of the same commands"
)
HYBRID_WORK = "SQLite (WAL, synchronous=FULL) commit, then the Redis tail update (store: EVALSHA; raw: MULTI)"

BACKENDS: dict[str, Backend] = {
    backend.name: backend
    for backend in (
        Backend(
            "json",
            JSON_WORK,
            lambda p: f"json:///{p.file('store')}",
            lambda p: f"json:///{p.file('store')}",
            lambda p: RawJson(p.file("raw")),
        ),
        Backend(
            "sqlite",
            SQLITE_WORK.format("FULL"),
            lambda p: sqlite_url(p, "NORMAL"),
            lambda p: sqlite_url(p, "FULL"),
            lambda p: RawSqlite(p.file("raw.db"), "FULL"),
            setup_note="the file was filled with synchronous=NORMAL, then reopened with FULL for timing",
        ),
        Backend(
            "sqlite-normal",
            SQLITE_WORK.format("NORMAL"),
            lambda p: sqlite_url(p, "NORMAL"),
            lambda p: sqlite_url(p, "NORMAL"),
            lambda p: RawSqlite(p.file("raw.db"), "NORMAL"),
        ),
        Backend(
            "redis",
            REDIS_WORK,
            lambda p: p.redis_url,
            lambda p: p.redis_url,
            lambda p: RawRedis(p.redis_url),
            needs_redis=True,
        ),
        Backend(
            "hybrid",
            HYBRID_WORK,
            lambda p: hybrid_url(p, "NORMAL"),
            lambda p: hybrid_url(p, "FULL"),
            lambda p: RawHybrid(p.file("raw.db"), "FULL", p.redis_url),
            needs_redis=True,
            setup_note="its SQLite file was filled with synchronous=NORMAL, then reopened with FULL for timing; "
            "restore leaves the cache empty, so the warm-up reads fill it",
            reference_url=lambda p: f"{p.redis_url}?prefix=reference",
            reference_name="plain Redis store",
        ),
    )
}
DEFAULT_BACKENDS = ("json", "sqlite", "sqlite-normal", "redis", "hybrid")

# The async and sync stores on the benchmark's 3-master Redis Cluster: a --concurrency backend only.
CLUSTER = "cluster"
CONCURRENCY_BACKENDS = (*DEFAULT_BACKENDS, CLUSTER)


def concurrency_url(name: str, place: Place, prefix: str) -> str:
    """The store URL of one concurrency run: the backend's timed URL (the cluster's for CLUSTER), with its own
    key `prefix` where it keeps keys in Redis, so that each run starts empty."""
    in_redis = name == CLUSTER or BACKENDS[name].needs_redis
    url = place.cluster_url if name == CLUSTER else BACKENDS[name].run_url(place)
    return f"{url}{'&' if '?' in url else '?'}prefix={prefix}" if in_redis else url
