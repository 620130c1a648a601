"""Real processes on one store URL: concurrent writers stay gapless, and a SIGKILLed writer loses no acknowledged append."""

from __future__ import annotations

import multiprocessing
import os
import random
import signal
import time
from collections.abc import Callable
from multiprocessing.process import BaseProcess
from pathlib import Path

from persistence import Message, SessionStore
from tests.persistence.contract.history_checks import assert_interleaved
from tests.persistence.contract.process_children import append_many, append_until_killed, retry_client_ids

# Not 'fork': the parent holds threads and open connections (redis, sqlite) that a fork would copy.
# 'forkserver' forks each child from a clean server process that has imported the stores once, so a
# child starts in milliseconds instead of a fresh interpreter's import time ('spawn').
CONTEXT = multiprocessing.get_context("forkserver")
CONTEXT.set_forkserver_preload(
    [
        "tests.persistence.contract.process_children",
        "persistence.backends.jsonfile.store",
        "persistence.backends.sqlite.store",
        "persistence.backends.redis.store",
        "persistence.backends.hybrid.store",
        "redis.cluster",
    ]
)
WRITERS = 4
APPENDS_PER_WRITER = 250
CLIENT_IDS = 100
KILL_AFTER_ACKS = (3, 40, 120)  # three rounds on one session, killed at different points


def read_acks(path: Path) -> list[int]:
    """The seqs the child reported as returned; a line without its newline was not finished."""
    if not path.exists():
        return []
    text = path.read_text(encoding="utf-8")
    return [int(line) for line in text.split("\n")[:-1]]


def wait_for_acks(path: Path, count: int, child: BaseProcess) -> None:
    """Wait until the child has acknowledged `count` appends (it must stay alive meanwhile)."""
    deadline = time.monotonic() + 60
    while len(read_acks(path)) < count:
        assert child.is_alive(), f"the writer died on its own (exit code {child.exitcode})"
        assert time.monotonic() < deadline, (
            f"the writer acknowledged only {len(read_acks(path))} appends in 60 s"
        )
        time.sleep(0.005)


def run_to_completion(children: list[BaseProcess]) -> None:
    """Start every child process, wait for all, and require that each exited 0 (killing any left)."""
    try:
        for child in children:
            child.start()
        for child in children:
            child.join(timeout=300)
        assert [child.exitcode for child in children] == [0] * len(children)
    finally:
        for child in children:
            if child.is_alive():
                child.kill()


def test_four_processes_append_gaplessly(store: SessionStore, url_with: Callable[..., str]) -> None:
    session = store.create_session(["a"])
    start = CONTEXT.Barrier(WRITERS)
    children = [
        CONTEXT.Process(target=append_many, args=(url_with(), session.id, f"w{i}", APPENDS_PER_WRITER, start))
        for i in range(WRITERS)
    ]
    run_to_completion(children)
    total = WRITERS * APPENDS_PER_WRITER
    expected = {f"w{i}": [f"w{i}:{n}" for n in range(APPENDS_PER_WRITER)] for i in range(WRITERS)}
    assert_interleaved(store.get_messages(session.id), expected)
    assert store.get_session(session.id).message_count == total


def test_four_processes_retrying_the_same_client_ids_append_each_once(
    store: SessionStore, url_with: Callable[..., str]
) -> None:
    session = store.create_session(["retrier"])
    start = CONTEXT.Barrier(WRITERS)
    children = [
        CONTEXT.Process(target=retry_client_ids, args=(url_with(), session.id, CLIENT_IDS, start))
        for _ in range(WRITERS)
    ]
    run_to_completion(children)
    check_once_each(store.get_messages(session.id))
    assert store.get_session(session.id).message_count == CLIENT_IDS


def check_once_each(messages: list[Message]) -> None:
    """Each client id c0..c99 once, with its own content, at seqs 1..100."""
    assert [m.seq for m in messages] == list(range(1, CLIENT_IDS + 1))
    assert sorted(m.client_id or "" for m in messages) == sorted(f"c{n}" for n in range(CLIENT_IDS))
    assert all(m.content == f"m{(m.client_id or '')[1:]}" for m in messages)


def test_sigkilled_writer_loses_no_acknowledged_append(
    store: SessionStore, open_url: Callable[[str], SessionStore], url_with: Callable[..., str], tmp_path: Path
) -> None:
    session = store.create_session(["a"])
    for round_number, kill_after in enumerate(KILL_AFTER_ACKS):
        ack_path = tmp_path / f"acks-{round_number}.txt"
        child = CONTEXT.Process(target=append_until_killed, args=(url_with(), session.id, str(ack_path)))
        child.start()
        try:
            wait_for_acks(ack_path, kill_after, child)
            time.sleep(random.uniform(0, 0.003))  # land anywhere inside the next append
        finally:
            os.kill(child.pid, signal.SIGKILL)  # type: ignore[arg-type]
            child.join(timeout=30)
        acked = read_acks(ack_path)
        reopened = open_url(url_with())  # a fresh store, as after a restart
        seqs = [m.seq for m in reopened.get_messages(session.id)]
        assert seqs == list(range(1, len(seqs) + 1)), "the history is gapless"
        assert set(acked) <= set(seqs), "every acknowledged append survived"
        assert max(acked) <= len(seqs) <= max(acked) + 1, "at most the one in-flight append is extra"
        assert reopened.get_session(session.id).message_count == len(seqs)
        assert reopened.append_message(session.id, "a", "after the crash").seq == len(seqs) + 1
