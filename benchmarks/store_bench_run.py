"""One backend's benchmark run: populate store and raw baseline alike, then time each workload on both."""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable
from dataclasses import dataclass

from benchmarks import store_bench_data as data
from benchmarks.store_bench_backends import Backend, Place, RawDriver
from benchmarks.store_bench_data import Sizes
from benchmarks.store_bench_setup import populate, put_session
from benchmarks.store_bench_timing import Sample, fsync_deferred, interleave
from persistence import open_store
from persistence.interface import SessionStore

APPEND_SMALL, APPEND_BIG, READ, LIST = "append_small", "append_big", "read", "list"
# Workloads in one group take turns, so "small vs big session" is not skewed by load that changed in between.
GROUPS = ((APPEND_SMALL, APPEND_BIG), (READ,), (LIST,))
Workloads = dict[str, Callable[[], object]]
REFERENCE = f"{READ}/reference"


class BenchmarkError(Exception):
    """The benchmark cannot go on (no redis-server, a store that did not fill); the message says what to do."""


@dataclass(frozen=True)
class BackendResult:
    """What one backend's run measured: (store, raw) samples per workload, and how setup was done."""

    backend: Backend
    setup: str
    setup_seconds: float
    samples: dict[str, tuple[Sample, Sample]]
    reference: Sample | None = None  # the backend's reference store's get_messages, timed alongside READ


def store_workloads(store: SessionStore) -> Workloads:
    """The four timed calls through the public store API."""

    def append(session_id: str) -> Callable[[], object]:
        return lambda: store.append_message(
            session_id,
            data.PARTICIPANTS[0],
            data.CONTENT,
            recipients=data.PARTICIPANTS[2:],
            metadata=data.METADATA,
        )

    return {
        APPEND_SMALL: append(data.SMALL_ID),
        APPEND_BIG: append(data.BIG_ID),
        READ: lambda: store.get_messages(data.BIG_ID, limit=data.READ_LIMIT),
        LIST: lambda: store.list_sessions(limit=data.LIST_LIMIT),
    }


def raw_workloads(raw: RawDriver) -> Workloads:
    """The same four calls done by the raw driver."""
    return {
        APPEND_SMALL: lambda: raw.append(data.SMALL_ID),
        APPEND_BIG: lambda: raw.append(data.BIG_ID),
        READ: raw.recent,
        LIST: raw.newest,
    }


def prepare(backend: Backend, place: Place, sizes: Sizes, now: float) -> str:
    """Populate the store (through its setup URL), the raw baseline and any reference store; fsyncs deferred."""
    with fsync_deferred():
        setup = open_store(backend.setup_url(place))
        try:
            how = populate(setup, sizes, now)
        finally:
            setup.close()
        raw = backend.raw(place)
        try:
            raw.populate(sizes, now)
        finally:
            raw.close()
        if backend.reference_url is not None:
            with open_store(backend.reference_url(place)) as reference:
                put_session(reference, data.records(sizes, now)[0])  # only the big session is read there
    return how


def check_populated(store: SessionStore, sizes: Sizes) -> None:
    """Fail loudly if the timed store does not hold what setup wrote (a wrong URL would time an empty store)."""
    count = store.get_session(data.BIG_ID).message_count
    listed = len(store.list_sessions(limit=sizes.sessions + 1))
    if count != sizes.messages or listed != sizes.sessions:
        raise BenchmarkError(
            f"setup left {count} messages / {listed} sessions instead of {sizes.messages} / {sizes.sessions}; "
            "check the backend's setup_url and run_url name the same data"
        )


def time_groups(mine: Workloads, theirs: Workloads, extra: Workloads, sizes: Sizes) -> dict[str, Sample]:
    """Every group's calls taking turns: store, raw and any `extra` ("workload/name") call; keyed "workload/side"."""
    timed: dict[str, Sample] = {}
    for group in GROUPS:
        calls: Workloads = {}
        for name in group:
            calls[f"{name}/store"], calls[f"{name}/raw"] = mine[name], theirs[name]
        calls.update({key: call for key, call in extra.items() if key.split("/")[0] in group})
        count = sizes.appends if APPEND_SMALL in group else sizes.reads
        timed.update(interleave(calls, count=count, budget=sizes.budget))
    return timed


def run_backend(backend: Backend, place: Place, sizes: Sizes) -> BackendResult:
    """Populate, then time every workload group with store, raw (and reference) calls taking turns."""
    started = time.perf_counter()
    how = prepare(backend, place, sizes, time.time())
    setup_seconds = time.perf_counter() - started
    with contextlib.ExitStack() as stack:
        store = stack.enter_context(open_store(backend.run_url(place)))
        raw = backend.raw(place)
        stack.callback(raw.close)
        extra: Workloads = {}
        if backend.reference_url is not None:
            reference = stack.enter_context(open_store(backend.reference_url(place)))
            extra[REFERENCE] = lambda: reference.get_messages(data.BIG_ID, limit=data.READ_LIMIT)
        check_populated(store, sizes)
        timed = time_groups(store_workloads(store), raw_workloads(raw), extra, sizes)
    samples = {name: (timed[f"{name}/store"], timed[f"{name}/raw"]) for group in GROUPS for name in group}
    return BackendResult(backend, how, setup_seconds, samples, timed.get(REFERENCE))
