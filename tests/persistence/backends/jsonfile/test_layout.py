"""JSON store on disk: the documented layout, owner-only permissions, append-only history, no path escapes."""

from __future__ import annotations

import json
import os
import stat
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from persistence import InvalidData, SessionNotFound, SessionStore, open_store
from tests.persistence.stores import FakeClock


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return tmp_path / "store" / "sessions"


@pytest.fixture
def json_store(root: Path, clock: FakeClock) -> Iterator[SessionStore]:
    with open_store(f"json:///{root}", clock=clock) as store:
        yield store


def tree(top: Path) -> set[str]:
    """Every path under `top`, relative to it."""
    return {str(path.relative_to(top)) for path in top.rglob("*")}


def test_layout_is_one_directory_per_session(json_store: SessionStore, root: Path, clock: FakeClock) -> None:
    created = json_store.create_session(["a", "b"], session_id="s", title="t", ttl=60)
    record = (root / "s" / "session.json").read_bytes()
    for number in range(3):
        clock.advance(1)
        json_store.append_message("s", "a", f"line\n{number}", recipients=["b"])
    assert tree(root) == {"s", "s/session.json", "s/messages.jsonl", "s/lock"}
    lines = (root / "s" / "messages.jsonl").read_bytes().split(b"\n")
    assert lines[-1] == b"" and len(lines) == 4  # one JSON object per line, newline-terminated
    assert [json.loads(line)["seq"] for line in lines[:-1]] == [1, 2, 3]
    assert (root / "s" / "session.json").read_bytes() == record  # written once, at creation
    fields = json.loads(record)
    assert (fields["ttl"], fields["message_count"], fields["format"]) == (60, 0, 2)
    assert fields["expires_at"] == created.created_at + 60
    session = json_store.get_session("s")  # the log's last line is the activity
    assert (session.message_count, session.updated_at, session.expires_at) == (3, clock.now, clock.now + 60)


def test_owner_only_permissions_whatever_the_umask(root: Path, clock: FakeClock) -> None:
    previous = os.umask(0)  # the most permissive umask: our modes must not rely on it
    try:
        with open_store(f"json:///{root}", clock=clock) as store:
            store.create_session(["a"], session_id="s")
            store.append_message("s", "a", "x")
    finally:
        os.umask(previous)
    assert stat.S_IMODE(root.stat().st_mode) == 0o700
    assert stat.S_IMODE((root / "s").stat().st_mode) == 0o700
    for name in ("session.json", "messages.jsonl", "lock"):
        assert stat.S_IMODE((root / "s" / name).stat().st_mode) == 0o600, name


def test_appends_only_add_to_the_end_of_the_history(json_store: SessionStore, root: Path) -> None:
    json_store.create_session(["a"], session_id="s")
    log = root / "s" / "messages.jsonl"
    inode = log.stat().st_ino
    before = log.read_bytes()
    for number in range(20):
        json_store.append_message("s", "a", f"m{number}")
        after = log.read_bytes()
        assert after.startswith(before) and after.count(b"\n") == before.count(b"\n") + 1
        before = after
    assert log.stat().st_ino == inode  # the same file, never rewritten or replaced


TRAVERSAL_IDS = [
    "..",
    "../outside",
    "../../etc/passwd",
    "/tmp/absolute",
    "a/../../b",
    "s/../../x",
    "..\\x",
    "a\x00b",
]


@pytest.mark.parametrize("bad_id", TRAVERSAL_IDS, ids=repr)
def test_traversal_ids_never_touch_the_filesystem(
    json_store: SessionStore, root: Path, tmp_path: Path, bad_id: str
) -> None:
    json_store.create_session(["a"], session_id="s")
    before = tree(tmp_path)
    for action in (
        lambda: json_store.create_session(["a"], session_id=bad_id),
        lambda: json_store.append_message(bad_id, "a", "x"),
        lambda: json_store.get_messages(bad_id),
        lambda: json_store.get_session(bad_id),
        lambda: json_store.delete_session(bad_id),
    ):
        with pytest.raises(InvalidData):
            action()
    assert tree(tmp_path) == before  # covers every relative escape: root is two levels below tmp_path
    assert not Path("/tmp/absolute").exists()


def test_scans_skip_and_purge_removes_crash_leftovers(json_store: SessionStore, root: Path) -> None:
    json_store.create_session(["a"], session_id="s")
    for name in (".trash-1", ".tmp-stale", ".tmp-fresh"):
        (root / name).mkdir()
        (root / name / "session.json").write_text("{}")  # never parsed: names starting with '.' are skipped
    an_hour_ago = time.time() - 3700
    os.utime(root / ".tmp-stale", (an_hour_ago, an_hour_ago))
    assert [s.id for s in json_store.list_sessions()] == ["s"]
    assert json_store.purge_expired() == 0
    assert sorted(path.name for path in root.iterdir()) == [".tmp-fresh", "s"]  # a create may be in progress


def test_delete_racing_appends_leaves_no_half_session(json_store: SessionStore, root: Path) -> None:
    # appends waiting for the lock while the session is deleted must fail cleanly, never resurrect it
    for round_number in range(5):
        json_store.create_session(["a"], session_id="s")

        def append(number: int) -> str:
            try:
                json_store.append_message("s", "a", f"{number}")
            except SessionNotFound:
                return "gone"
            return "ok"

        with ThreadPoolExecutor(4) as pool:
            outcomes = list(pool.map(append, range(40)))
            json_store.delete_session("s")
        assert set(outcomes) <= {"ok", "gone"}, round_number
        assert sorted(path.name for path in root.iterdir()) == []
        with pytest.raises(SessionNotFound):
            json_store.get_session("s")
