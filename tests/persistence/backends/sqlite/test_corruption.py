"""SQLite damage: broken files and JSON columns raise CorruptData; a torn WAL tail is tolerated; SQL text is data."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from persistence.backends.sqlite.store import SqliteStore
from persistence.errors import CorruptData


def filled(path: Path, count: int) -> SqliteStore:
    """An open store at `path` holding session "s" with `count` messages of a few hundred bytes."""
    store = SqliteStore(path, synchronous="NORMAL")  # fast setup; durability is not under test here
    store.create_session(["a"], session_id="s")
    for number in range(count):
        store.append_message("s", "a", f"{number:04d}" + "x" * 300)
    return store


@pytest.mark.parametrize(
    ("damage", "reason"),
    [
        pytest.param(lambda data: b"not sqlite at all " * 64, "file is not a database", id="header"),
        pytest.param(
            lambda data: data[:4096] + bytes(range(256)) * 16 + data[8192:], "malformed", id="page-2"
        ),
    ],
)
def test_damaged_file_is_corrupt_data_naming_it(tmp_path: Path, damage: object, reason: str) -> None:
    path = tmp_path / "s.db"
    filled(path, 200).close()
    path.write_bytes(damage(path.read_bytes()))  # type: ignore[operator]
    with pytest.raises(CorruptData, match=reason) as caught, SqliteStore(path) as store:
        store.get_messages("s")
    assert str(path) in str(caught.value) and "backup" in str(caught.value)


@pytest.mark.parametrize(
    ("statement", "where"),
    [
        (
            "UPDATE messages SET metadata = '{broken' WHERE seq = 2",
            "table messages, session 's', seq 2, column metadata",
        ),
        (
            "UPDATE messages SET recipients = '\"b\"' WHERE seq = 3",
            "table messages, session 's', seq 3, column recipients",
        ),
        ("UPDATE sessions SET participants = '[1, 2]'", "table sessions, session 's', column participants"),
        ("UPDATE sessions SET metadata = x'00ff'", "table sessions, session 's', column metadata"),
    ],
)
def test_bad_json_column_is_corrupt_data_naming_the_row(tmp_path: Path, statement: str, where: str) -> None:
    path = tmp_path / "s.db"
    filled(path, 3).close()
    with sqlite3.connect(path) as conn:
        conn.execute(statement)
    with SqliteStore(path) as store, pytest.raises(CorruptData) as caught:
        store.get_messages("s") if "messages" in statement else store.get_session("s")
    assert where in str(caught.value) and str(path) in str(caught.value)


def test_torn_wal_tail_is_tolerated(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    store = filled(path, 50)  # stays open, so the last commits live only in the -wal file
    copy = tmp_path / "copy.db"
    shutil.copyfile(path, copy)
    wal = Path(f"{path}-wal").read_bytes()
    Path(f"{copy}-wal").write_bytes(wal[: len(wal) - 700])  # cut through the last frames
    store.close()
    with SqliteStore(copy) as reopened:
        seqs = [message.seq for message in reopened.get_messages("s")]
        assert 0 < len(seqs) < 50 and seqs == list(range(1, len(seqs) + 1))
        assert reopened.append_message("s", "a", "next").seq == len(seqs) + 1


SQL_LOOKING = [
    "'; DROP TABLE messages; --",
    'Robert"); DELETE FROM sessions WHERE ("1"="1',
    "?; PRAGMA user_version = 99; SELECT ?",
    "x' OR '1'='1",
    "\\x00 NUL \x00 inside",
]


@pytest.mark.parametrize("text", SQL_LOOKING)
def test_sql_looking_text_is_stored_verbatim(tmp_path: Path, text: str) -> None:
    with SqliteStore(tmp_path / "s.db") as store:
        store.create_session([text, "b"], session_id="s", title=text, metadata={text: text})
        store.append_message("s", text, text, recipients=[text], metadata={"q": text})
        message = store.get_messages("s")[0]
        session = store.get_session("s")
        assert (message.sender, message.content, message.recipients, message.metadata) == (
            text,
            text,
            (text,),
            {"q": text},
        )
        assert (session.title, session.participants, session.metadata) == (text, (text, "b"), {text: text})
        assert [found.id for found in store.list_sessions(participant=text)] == ["s"]
