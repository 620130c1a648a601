"""JSON store: an append is one log write; the log's last complete line is the activity; torn tails are cut."""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, replace
from pathlib import Path

import pytest

from persistence import Message, Session
from persistence.backends.jsonfile.files import FIRST_CHUNK
from persistence.backends.jsonfile.store import JsonStore
from tests.persistence.stores import START, FakeClock

MESSAGES = 5


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return tmp_path / "sessions"


@pytest.fixture
def json_store(root: Path, clock: FakeClock) -> Iterator[JsonStore]:
    """A JSON store holding session 's' (ttl 60) with messages m1..m5, one second apart."""
    with JsonStore(str(root), clock=clock) as store:
        store.create_session(["a"], session_id="s", ttl=60)
        for number in range(1, MESSAGES + 1):
            clock.advance(1)
            store.append_message("s", "a", f"m{number}")
        yield store


def test_appends_write_only_the_log(json_store: JsonStore, root: Path, clock: FakeClock) -> None:
    # session.json is never rewritten and no temp file comes and goes: the log line is the only write
    directory = root / "s"
    before = {path.name: (path.stat().st_ino, path.stat().st_mtime_ns) for path in directory.iterdir()}
    listing = directory.stat().st_mtime_ns
    record = (directory / "session.json").read_bytes()
    for _ in range(3):
        clock.advance(2)
        json_store.append_message("s", "a", "more")
    after = {path.name: (path.stat().st_ino, path.stat().st_mtime_ns) for path in directory.iterdir()}
    assert after.keys() == before.keys() and directory.stat().st_mtime_ns == listing
    assert after["session.json"] == before["session.json"] and after["lock"] == before["lock"]
    assert (directory / "session.json").read_bytes() == record
    session = json_store.get_session("s")
    assert (session.message_count, session.updated_at, session.expires_at) == (8, clock.now, clock.now + 60)
    assert json.loads(record)["message_count"] == 0  # the count it was created with; the log holds the rest


def cut(count: int) -> Callable[[bytes], bytes]:
    """Damage from outside: the log loses its last `count` bytes."""
    return lambda data: data[:-count]


def add(tail: bytes) -> Callable[[bytes], bytes]:
    """A crash: `tail` is what an interrupted append left after the complete lines."""
    return lambda data: data + tail


LINE_6 = (
    json.dumps(
        {
            "seq": 6,
            "sender": "a",
            "content": "unreturned",
            "recipients": [],
            "timestamp": START + 5.5,
            "metadata": {},
        }
    ).encode()
    + b"\n"
)
BIG_FRAGMENT = b'{"seq":6,"sender":"a","content":"' + b"x" * (3 * FIRST_CHUNK)
TORN_TAILS: list[tuple[str, Callable[[bytes], bytes], int]] = [
    # (what happened to the log, the change, messages still there) -- a line counts once its b"\n" is written
    ("a torn line: the append never returned", add(b'{"seq":6,"sen'), 5),
    ("a torn line longer than the first chunk read backwards", add(BIG_FRAGMENT), 5),
    ("a whole line whose append never returned is fully there", add(LINE_6), 6),
    ("a whole unreturned line, then a torn one", add(LINE_6 + b'{"seq":7'), 6),
    ("outside damage cut the last line short", cut(10), 4),
    ("outside damage cut just the last newline", cut(1), 4),
]


@pytest.mark.parametrize(
    ("change", "kept"), [row[1:] for row in TORN_TAILS], ids=[row[0] for row in TORN_TAILS]
)
def test_torn_tail_is_ignored_by_readers_and_cut_by_the_next_append(
    json_store: JsonStore,
    root: Path,
    caplog: pytest.LogCaptureFixture,
    change: Callable[[bytes], bytes],
    kept: int,
) -> None:
    log = root / "s" / "messages.jsonl"
    log.write_bytes(change(log.read_bytes()))
    damaged = log.read_bytes()
    assert [m.seq for m in json_store.get_messages("s")] == list(range(1, kept + 1))
    assert [m.seq for m in json_store.get_messages("s", limit=2)] == [kept - 1, kept]
    assert json_store.get_session("s").message_count == kept
    assert log.read_bytes() == damaged  # readers never write
    with caplog.at_level(logging.WARNING, logger="persistence.json_files"):
        assert json_store.append_message("s", "a", "next").seq == kept + 1
    torn = not damaged.endswith(b"\n")
    assert ("torn final record" in caplog.text and str(log) in caplog.text) == torn
    assert log.read_bytes().endswith(b"\n") and log.read_bytes().count(b"\n") == kept + 1
    assert [m.seq for m in json_store.get_messages("s")] == list(range(1, kept + 2))


RESTORED = Session(
    id="r",
    participants=("a",),
    title="",
    metadata={},
    created_at=START - 900.0,
    updated_at=START - 5.25,  # neither the last message's time ...
    expires_at=START + 1000.5,  # ... nor updated_at + ttl: another store's record, kept exactly
    message_count=2,
)


def test_restored_times_hold_until_the_first_append(json_store: JsonStore, clock: FakeClock) -> None:
    history = [Message("r", seq, "a", f"r{seq}", (), START - 100.0 + seq, {}) for seq in (1, 2)]
    json_store.restore_session(RESTORED, history, ttl=30)
    assert json_store.get_session("r") == RESTORED
    assert RESTORED in json_store.list_sessions()
    clock.advance(7)
    json_store.append_message("r", "a", "new")
    assert json_store.get_session("r") == replace(
        RESTORED, updated_at=clock.now, expires_at=clock.now + 30, message_count=3
    )


def test_a_format_1_session_reads_and_continues(json_store: JsonStore, root: Path, clock: FakeClock) -> None:
    # format 1 also rewrote session.json on every append, with the acknowledged log length
    session = json_store.get_session("s")
    log = root / "s" / "messages.jsonl"
    document = asdict(session) | {"format": 1, "ttl": 60, "log_bytes": log.stat().st_size}
    (root / "s" / "session.json").write_text(json.dumps(document))
    assert json_store.get_session("s") == session
    clock.advance(1)
    assert json_store.append_message("s", "a", "on").seq == MESSAGES + 1
    assert json_store.get_session("s").updated_at == clock.now


def test_lock_free_readers_see_whole_lines_while_a_writer_appends(json_store: JsonStore) -> None:
    # lines up to three first chunks long, so backward reads take several chunks while the log grows
    def content(seq: int) -> str:
        return f"{seq}:" + "y" * (seq * 997 % (3 * FIRST_CHUNK))

    reads = [0]

    def write() -> None:
        for number, seq in enumerate(range(MESSAGES + 1, MESSAGES + 61)):
            # Keep the two threads overlapping on a loaded machine: every 5th append waits (1 s
            # at most) until the reader has read again, so the reads interleave with the writes.
            deadline = time.monotonic() + 1.0
            while reads[0] < number // 5 and time.monotonic() < deadline:
                time.sleep(0.001)
            json_store.append_message("s", "a", content(seq))

    writer = threading.Thread(target=write)
    writer.start()
    seen, writing = 0, True
    while writing:
        writing = writer.is_alive()  # read once more after the writer ends
        count = json_store.get_session("s").message_count
        recent = json_store.get_messages("s", limit=3)
        assert count >= seen and recent[-1].seq >= count
        assert [m.seq for m in recent] == list(range(recent[-1].seq - 2, recent[-1].seq + 1))
        assert all(m.content == content(m.seq) for m in recent if m.seq > MESSAGES)
        seen, reads[0] = count, reads[0] + 1
    writer.join()
    assert seen == MESSAGES + 60 and reads[0] > 10
