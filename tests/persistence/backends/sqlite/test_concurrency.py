"""SQLite concurrency specifics: the connection pool under threads, in-memory stores, stores inherited by fork."""

from __future__ import annotations

import multiprocessing
import threading
from pathlib import Path

import pytest

from persistence.backends.sqlite.store import SqliteStore

THREADS = 8
APPENDS = 40


def hammer(store: SqliteStore, session_id: str) -> None:
    """Append and read from THREADS threads at once on one store object."""
    barrier = threading.Barrier(THREADS)

    def work(number: int) -> None:
        barrier.wait()
        for index in range(APPENDS):
            store.append_message(session_id, f"t{number}", f"{number}:{index}")
            store.get_messages(session_id, limit=5)

    threads = [threading.Thread(target=work, args=(number,)) for number in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


@pytest.mark.parametrize("where", ["file", ":memory:"])
def test_threads_share_one_store_without_gaps(tmp_path: Path, where: str) -> None:
    path = tmp_path / "s.db" if where == "file" else ":memory:"
    with SqliteStore(path, synchronous="NORMAL") as store:
        store.create_session(["a"], session_id="s")
        hammer(store, "s")
        messages = store.get_messages("s")
        assert [message.seq for message in messages] == list(range(1, THREADS * APPENDS + 1))
        assert len({message.content for message in messages}) == THREADS * APPENDS
        assert store.get_session("s").message_count == THREADS * APPENDS


def test_in_memory_stores_are_private(tmp_path: Path) -> None:
    with SqliteStore(":memory:") as first, SqliteStore(":memory:") as second:
        first.create_session(["a"], session_id="only-here")
        assert [s.id for s in first.list_sessions()] == ["only-here"]
        assert second.list_sessions() == []


def append_in_child(store: SqliteStore, count: int) -> None:
    """Runs in a forked child: keep using the store object inherited from the parent."""
    for index in range(count):
        store.append_message("s", "child", f"c{index}")


def test_store_inherited_by_fork_keeps_working(tmp_path: Path) -> None:
    with SqliteStore(tmp_path / "s.db") as store:
        store.create_session(["a"], session_id="s")
        store.append_message("s", "parent", "before")  # the parent's pool now holds a connection
        child = multiprocessing.get_context("fork").Process(target=append_in_child, args=(store, 20))
        child.start()
        child.join(30)
        assert child.exitcode == 0
        assert store.append_message("s", "parent", "after").seq == 22
        assert [m.seq for m in store.get_messages("s")] == list(range(1, 23))
