"""SQLite schema: version in PRAGMA user_version, migration on open, refusal of newer or foreign databases, indexes."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from persistence.backends.sqlite import queries as q
from persistence.backends.sqlite.schema import MIGRATIONS, SCHEMA_VERSION
from persistence.backends.sqlite.store import SqliteStore
from persistence.errors import StoreUnavailable


@pytest.fixture()
def db_path(tmp_path: Path) -> Path:
    """A freshly created store database, closed again."""
    path = tmp_path / "sessions.db"
    SqliteStore(path).close()
    return path


def test_new_database_has_current_version_and_tables(db_path: Path) -> None:
    with sqlite3.connect(db_path) as conn:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert version == SCHEMA_VERSION
    assert tables == {"sessions", "session_participants", "messages", "read_cursors"}


def test_reopening_keeps_version_and_data(db_path: Path) -> None:
    with SqliteStore(db_path) as store:
        store.create_session(["a"], session_id="kept")
        store.append_message("kept", "a", "one")
    with SqliteStore(db_path) as store:
        assert [m.content for m in store.get_messages("kept")] == ["one"]
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_a_version_1_database_opens_and_its_sessions_get_incarnations(tmp_path: Path) -> None:
    path = tmp_path / "v1.db"
    with sqlite3.connect(path) as conn:  # exactly what the first release wrote
        for statement in MIGRATIONS[0]:
            conn.execute(statement)
        conn.execute("INSERT INTO sessions VALUES ('old', '[\"a\"]', 'T', '{}', 1.0e9, 1.5e9, NULL, NULL, 1)")
        conn.execute("INSERT INTO messages VALUES ('old', 1, 'a', 'hi', '[]', 1.5e9, '{}')")
        conn.execute("PRAGMA user_version = 1")
    with SqliteStore(path) as store:
        session = store.get_session("old")
        assert (session.title, session.message_count, session.updated_at) == ("T", 1, 1.5e9)
        assert len(session.incarnation) == 32, "migrated rows are given an incarnation"
        assert [m.content for m in store.get_messages("old")] == ["hi"]
        assert store.get_session("old").incarnation == session.incarnation, "stable once written"
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 3


def test_a_version_2_database_opens_and_takes_client_ids(tmp_path: Path) -> None:
    path = tmp_path / "v2.db"
    with sqlite3.connect(path) as conn:  # exactly what release 2 wrote
        for step in MIGRATIONS[:2]:
            for statement in step:
                conn.execute(statement)
        conn.execute(
            "INSERT INTO sessions VALUES ('old', '[\"a\"]', 'T', '{}', 1.0e9, 1.5e9, NULL, NULL, 1, 'inc')"
        )
        conn.execute("INSERT INTO messages VALUES ('old', 1, 'a', 'hi', '[]', 1.5e9, '{}')")
        conn.execute("PRAGMA user_version = 2")
    with SqliteStore(path) as store:
        assert store.get_session("old").incarnation == "inc"
        (old,) = store.get_messages("old")
        assert (old.content, old.client_id) == ("hi", None)
        first = store.append_message("old", "a", "again", client_id="c1")
        assert store.append_message("old", "a", "again", client_id="c1") == first
        assert [m.seq for m in store.get_messages("old", before_seq=2)] == [1]
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 3


@pytest.mark.parametrize("version", [SCHEMA_VERSION + 1, SCHEMA_VERSION + 40])
def test_newer_schema_version_is_refused(db_path: Path, version: int) -> None:
    with sqlite3.connect(db_path) as conn:
        conn.execute(f"PRAGMA user_version = {version}")
    with pytest.raises(StoreUnavailable, match=rf"schema version {version}.*upgrade") as caught:
        SqliteStore(db_path)
    assert str(db_path) in str(caught.value)


def test_foreign_database_is_refused_not_altered(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE sessions (cookie TEXT)")
        conn.execute("INSERT INTO sessions VALUES ('theirs')")
    with pytest.raises(StoreUnavailable, match="already exists"):
        SqliteStore(path)
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT cookie FROM sessions").fetchall() == [("theirs",)]
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 0


# (statement the store runs, text its query plan must contain) — the contract's queries are all indexed.
PLANS = [
    (q.SELECT_SESSION, "SEARCH sessions USING PRIMARY KEY (id=?)"),  # get_session: by key
    (q.SELECT_STATE, "SEARCH sessions USING PRIMARY KEY (id=?)"),  # append/read existence check
    (
        q.UPDATE_AFTER_APPEND,
        "SEARCH sessions USING PRIMARY KEY (id=?)",
    ),  # append bumps the count (SQLite < 3.35)
    (q.BUMP, "SEARCH sessions USING PRIMARY KEY (id=?)"),  # append: check, count and slide in one UPDATE
    (q.SELECT_MESSAGES_BETWEEN, "SEARCH messages USING PRIMARY KEY (session_id=? AND seq>? AND seq<?)"),
    (q.SELECT_BY_CLIENT_ID, "USING INDEX messages_by_client_id (session_id=? AND client_id=?)"),
    (q.UNREAD_OF, "SEARCH p USING PRIMARY KEY (participant=?)"),  # unread_counts: the participant's rows
    (q.SELECT_CURSORS, "SEARCH read_cursors USING PRIMARY KEY (session_id=?)"),
    (q.LIST_SESSIONS, "SCAN sessions USING INDEX sessions_by_updated"),  # newest first, no sort
    (q.LIST_SESSIONS_OF, "SEARCH p USING PRIMARY KEY (participant=?)"),  # participant filter
    (q.DELETE_ONE[2], "USING COVERING INDEX participants_by_session"),  # delete: participant rows
    (q.PURGE[3], "USING COVERING INDEX sessions_by_expiry"),  # purge: expired sessions only
]


@pytest.mark.parametrize(("statement", "expected"), PLANS)
def test_contract_queries_use_an_index(db_path: Path, statement: str, expected: str) -> None:
    with sqlite3.connect(db_path) as conn:
        plan = [row[3] for row in conn.execute(f"EXPLAIN QUERY PLAN {statement}", [1] * statement.count("?"))]
    assert any(expected in step for step in plan), plan
    # Rule: a SCAN is only acceptable when it walks an index in the wanted order.
    assert all("USING" in step for step in plan if step.startswith("SCAN")), plan


def test_list_sessions_needs_no_sort_step(db_path: Path) -> None:
    with sqlite3.connect(db_path) as conn:
        plan = [row[3] for row in conn.execute(f"EXPLAIN QUERY PLAN {q.LIST_SESSIONS}", (0.0, 100))]
    assert not any("TEMP B-TREE" in step for step in plan), plan
