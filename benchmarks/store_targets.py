"""The multichat targets, per backend, as markdown: idempotent appends and scroll-back paging.

    python -m benchmarks.store_targets [--messages 100000] [--backends json,sqlite,redis,hybrid]

- append with a new client_id vs a plain append: throughput ratio (target >= 0.80), calls taking turns;
- get_messages(before_seq=..., limit=50) in a `--messages` session vs a 100-message session, the page
  just before the middle of each history: p50 ratio (target <= 1.2);
- unread_counts(participant) (its default limit=100) for a participant in `--sessions` sessions (among as many
  sessions of others): p50 (target <= 10 ms on SQLite and Redis).

Sessions are filled with restore_session (the same records the store writes), in a temporary directory
and, for Redis, a private redis-server on a loopback port. Nothing here is a pass/fail test.
"""

from __future__ import annotations

import argparse
import contextlib
import itertools
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.store_bench_redis import redis_server
from benchmarks.store_bench_timing import interleave
from persistence import Message, Session, open_store
from persistence.base import StoreBase

PAGE = 50
SMALL = 100
URLS = {
    "json": "json:///{tmp}/json",
    "sqlite": "sqlite:///{tmp}/s.db",
    "redis": "{redis}?prefix=targets",
    "hybrid": "hybrid:///?store=sqlite:///{tmp}/h.db&cache={redis}&prefix=targets-cache",
}


def fill(store: StoreBase, session_id: str, count: int) -> None:
    """A session of `count` messages, restored in one step."""
    now = time.time()
    session = Session(session_id, ("a", "b"), "", {}, now, now + count * 1e-3, None, count)
    messages = [
        Message(session_id, seq, "a", f"message {seq} " + "x" * 80, ("b",), now + seq * 1e-3, {"n": seq})
        for seq in range(1, count + 1)
    ]
    store.restore_session(session, messages, ttl=None)


def sessions_of(store: StoreBase, count: int) -> None:
    """`count` sessions of "me" (with a message and a cursor each) and as many of someone else."""
    for number in range(count):
        mine = store.create_session(["me", "peer"], session_id=f"mine{number}")
        store.append_message(mine.id, "peer", "hi")
        store.mark_read(mine.id, "me", number % 2)
        store.create_session(["other"], session_id=f"theirs{number}")


def measure(store: StoreBase, messages: int, sessions: int) -> dict[str, float]:
    """The ratios (and their parts) and the unread_counts time for one store."""
    fill(store, "small", SMALL)
    fill(store, "big", messages)
    sessions_of(store, sessions)
    store.create_session(["a"], session_id="appends")
    ids = (f"c{number}" for number in itertools.count())
    appends = interleave(
        {
            "plain": lambda: store.append_message("appends", "a", "hello", metadata={"k": 1}),
            "client_id": lambda: store.append_message(
                "appends", "a", "hello", metadata={"k": 1}, client_id=next(ids)
            ),
        },
        count=300,
        budget=3.0,
    )
    pages = interleave(
        {
            "small": lambda: store.get_messages("small", before_seq=SMALL // 2, limit=PAGE),
            "big": lambda: store.get_messages("big", before_seq=messages // 2, limit=PAGE),
        },
        count=300,
        budget=3.0,
    )
    unread = interleave({"unread": lambda: store.unread_counts("me")}, count=50, budget=3.0)
    return {
        "unread p50": unread["unread"].percentile_ms(0.5),
        "plain/s": appends["plain"].per_second(),
        "client_id/s": appends["client_id"].per_second(),
        "small p50": pages["small"].percentile_ms(0.5),
        "big p50": pages["big"].percentile_ms(0.5),
    }


@contextlib.contextmanager
def places(names: list[str], base: str | None) -> Iterator[dict[str, str]]:
    """{"tmp": a temporary directory (under `base`), "redis": a private redis-server's URL if a backend needs one}."""
    with tempfile.TemporaryDirectory(dir=base) as tmp, contextlib.ExitStack() as stack:
        redis = stack.enter_context(redis_server()) if {"redis", "hybrid"} & set(names) else ""
        yield {"tmp": tmp, "redis": redis}


def main(argv: list[str] | None = None) -> int:
    """Print one markdown table row per backend."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=100_000)
    parser.add_argument("--sessions", type=int, default=1_000)
    parser.add_argument("--backends", default=",".join(URLS))
    parser.add_argument("--dir", default=None, help="the filesystem to measure (default: the temp dir)")
    args = parser.parse_args(argv)
    names = [name for name in args.backends.split(",") if name]
    print(
        "| backend | plain append (msg/s) | with a new client_id (msg/s) | ratio (≥ 0.80) | "
        f"before_seq page p50, {SMALL} msgs (ms) | {args.messages:,} msgs (ms) | ratio (≤ 1.2) | "
        f"unread_counts, {args.sessions:,} sessions, p50 (ms) |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    with places(names, args.dir) as where:
        for name in names:
            with open_store(URLS[name].format(**where)) as store:
                assert isinstance(store, StoreBase)
                got = measure(store, args.messages, args.sessions)
            ratio = got["client_id/s"] / got["plain/s"]
            scroll = got["big p50"] / got["small p50"]
            print(
                f"| {name} | {got['plain/s']:,.0f} | {got['client_id/s']:,.0f} | {ratio:.2f} | "
                f"{got['small p50']:.3f} | {got['big p50']:.3f} | {scroll:.2f} | {got['unread p50']:.2f} |"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
