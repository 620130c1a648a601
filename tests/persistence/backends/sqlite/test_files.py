"""SQLite files: owner-only permissions, WAL mode, the synchronous level, unopenable paths, closed stores."""

from __future__ import annotations

import sqlite3
import stat
from pathlib import Path

import pytest

from persistence import open_store
from persistence.backends.sqlite.store import SqliteStore
from persistence.errors import InvalidData, StoreUnavailable


def mode(path: Path) -> int:
    """Permission bits of `path`."""
    return stat.S_IMODE(path.stat().st_mode)


def test_missing_directories_are_0700_and_the_file_0600(tmp_path: Path) -> None:
    path = tmp_path / "new" / "deeper" / "sessions.db"
    SqliteStore(path).close()
    assert (mode(tmp_path / "new"), mode(tmp_path / "new" / "deeper"), mode(path)) == (0o700, 0o700, 0o600)


def test_wal_is_on_and_its_files_are_owner_only(tmp_path: Path) -> None:
    path = tmp_path / "sessions.db"
    with SqliteStore(path) as store:
        store.create_session(["a"], session_id="s")
        store.append_message("s", "a", "hello")
        with sqlite3.connect(path) as other:
            assert other.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        wal, shm = Path(f"{path}-wal"), Path(f"{path}-shm")
        assert (mode(path), mode(wal), mode(shm)) == (0o600, 0o600, 0o600)


@pytest.mark.parametrize(
    ("given", "pragma_value"),
    [
        (None, 2),  # default FULL: fsync the WAL on every commit (survives power loss)
        ("FULL", 2),
        ("normal", 1),  # NORMAL, case-insensitive: survives kill -9, not power loss
    ],
)
def test_synchronous_level_is_applied(tmp_path: Path, given: str | None, pragma_value: int) -> None:
    options = {} if given is None else {"synchronous": given}
    with (
        SqliteStore(tmp_path / "s.db", **options) as store,
        store._pool.transaction(write=False) as conn,  # the store's own connection
    ):
        assert conn.execute("PRAGMA synchronous").fetchone()[0] == pragma_value


@pytest.mark.parametrize("given", ["OFF", "EXTRA; DROP TABLE sessions", "", 2])
def test_unknown_synchronous_level_is_invalid(tmp_path: Path, given: object) -> None:
    with pytest.raises(InvalidData, match="synchronous must be one of FULL, NORMAL"):
        SqliteStore(tmp_path / "s.db", synchronous=given)  # type: ignore[arg-type]
    assert not (tmp_path / "s.db").exists()


def unopenable(base: Path, kind: str) -> Path:
    """A database path under `base` that cannot be opened as a file, of the given kind."""
    if kind == "directory":
        base.mkdir()
        return base
    base.write_text("a plain file")
    return base / "inside.db"  # kind == "parent is a file"


@pytest.mark.parametrize("kind", ["directory", "parent is a file"])
def test_unopenable_path_is_store_unavailable(tmp_path: Path, kind: str) -> None:
    path = unopenable(tmp_path / "target", kind)
    with pytest.raises(StoreUnavailable, match="cannot create or open") as caught:
        SqliteStore(path)
    assert str(path) in str(caught.value) and "check the path" in str(caught.value)


def test_closed_store_says_so(tmp_path: Path) -> None:
    store = SqliteStore(tmp_path / "s.db")
    store.create_session(["a"], session_id="s")
    store.close()
    with pytest.raises(StoreUnavailable, match="closed; open a new one"):
        store.get_session("s")


@pytest.mark.parametrize(
    ("url", "expected_path"),
    [
        ("sqlite:///{rel}", "{rel}"),  # three slashes: relative path
        ("sqlite:////{abs}", "/{abs}"),  # four slashes: absolute path
        ("sqlite:///:memory:", ":memory:"),  # private in-memory database
    ],
)
def test_open_store_urls(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, url: str, expected_path: str
) -> None:
    monkeypatch.chdir(tmp_path)
    names = {"rel": "data/chat.db", "abs": str(tmp_path / "abs.db").lstrip("/")}
    with open_store(url.format(**names), ttl=60) as store:
        assert isinstance(store, SqliteStore)
        assert store.path == expected_path.format(**names)
        assert store.create_session(["a"]).expires_at is not None
