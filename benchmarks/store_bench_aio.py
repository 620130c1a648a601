"""Concurrency: 100 sessions x 20 concurrent appenders, async store on one event loop vs sync store on 20 threads.

Each of the 20 appenders appends one message to each of the 100 sessions (starting at a different
session, so they collide), 2,000 durable appends in all; throughput is appends per second of wall
time and p99 the 99th percentile of one append's latency as its caller saw it.
"""

from __future__ import annotations

import asyncio
import statistics
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from persistence import aio
from persistence.config import open_backend

SESSIONS = 100
APPENDERS = 20


@dataclass(frozen=True)
class Figures:
    """Throughput (appends/s) and p99 append latency (ms) of one run."""

    throughput: float
    p99_ms: float


def figures(latencies: list[float], wall: float) -> Figures:
    """The run's figures from each append's latency (s) and the wall time (s)."""
    return Figures(len(latencies) / wall, statistics.quantiles(latencies, n=100)[98] * 1000)


def sync_run(url: str, sessions: int = SESSIONS, appenders: int = APPENDERS) -> Figures:
    """The synchronous store, each appender one thread of a pool of `appenders`."""
    with open_backend(url) as store:
        ids = [store.create_session(["a", "b"]).id for _ in range(sessions)]

        def appender(number: int) -> list[float]:
            latencies = []
            for index in range(sessions):
                started = time.perf_counter()
                store.append_message(ids[(number + index) % sessions], f"p{number}", "hello")
                latencies.append(time.perf_counter() - started)
            return latencies

        started = time.perf_counter()
        with ThreadPoolExecutor(max_workers=appenders) as pool:
            latencies = [value for part in pool.map(appender, range(appenders)) for value in part]
        return figures(latencies, time.perf_counter() - started)


async def async_run(url: str, sessions: int = SESSIONS, appenders: int = APPENDERS) -> Figures:
    """The async store, each appender one task on this event loop."""
    async with aio.open_store(url) as store:
        ids = [(await store.create_session(["a", "b"])).id for _ in range(sessions)]
        latencies: list[float] = []

        async def appender(number: int) -> None:
            for index in range(sessions):
                started = time.perf_counter()
                await store.append_message(ids[(number + index) % sessions], f"p{number}", "hello")
                latencies.append(time.perf_counter() - started)

        started = time.perf_counter()
        await asyncio.gather(*(appender(number) for number in range(appenders)))
        return figures(latencies, time.perf_counter() - started)


def concurrency_table(urls: dict[str, tuple[str, str]], sessions: int = SESSIONS) -> str:
    """Markdown: per backend (name -> a URL for each run, so they start empty), both runs' figures."""
    rows = [
        f"### Concurrency: {sessions} sessions x {APPENDERS} concurrent appenders\n",
        "| backend | async (one loop): appends/s | async p99 ms | sync (20 threads): appends/s | sync p99 ms "
        "| async ÷ sync appends/s |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for name, (async_url, sync_url) in urls.items():
        done_async = asyncio.run(async_run(async_url, sessions))
        done_sync = sync_run(sync_url, sessions)
        rows.append(
            f"| {name} | {done_async.throughput:,.0f} | {done_async.p99_ms:.1f} "
            f"| {done_sync.throughput:,.0f} | {done_sync.p99_ms:.1f} "
            f"| {done_async.throughput / done_sync.throughput:.2f}× |"
        )
    return "\n".join(rows) + "\n"
