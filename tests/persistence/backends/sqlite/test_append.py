"""SQLite append bookkeeping: the one-statement UPDATE ... RETURNING and its SQLite < 3.35 fallback agree exactly."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from persistence import SessionNotFound
from persistence.backends.sqlite import queries as q
from persistence.backends.sqlite.store import SqliteStore
from tests.persistence.stores import FakeClock

Bump = Callable[..., int]
BUMPS = [pytest.param(q.bump_returning, id="returning"), pytest.param(q.bump_classic, id="classic")]
STATE = "SELECT message_count, updated_at, expires_at FROM sessions WHERE id = ?"


@pytest.fixture()
def sstore(tmp_path: Path, clock: FakeClock) -> Iterator[SqliteStore]:
    """A store with a 10 s session "short", a never-expiring "forever" (2 messages) and a fake clock."""
    opened = SqliteStore(tmp_path / "s.db", clock=clock, synchronous="NORMAL")
    opened.create_session(["a"], session_id="short", ttl=10)
    opened.create_session(["a"], session_id="forever")
    for text in ("one", "two"):
        opened.append_message("forever", "a", text)
    yield opened
    opened.close()


# (session, seconds after the store was filled, (returned seq, updated_at, expires_at) in seconds after it)
LIVE = [
    ("short", 3.25, (1, 3.25, 13.25)),  # count + 1 is the seq; expires_at slides to now + ttl
    ("short", 9.999, (1, 9.999, 19.999)),  # just before expiry: still live
    ("forever", 5.0, (3, 5.0, None)),  # no ttl: expires_at stays NULL
]


@pytest.mark.parametrize("case", LIVE)
@pytest.mark.parametrize("bump", BUMPS)
def test_bump_counts_and_slides_a_live_session(
    sstore: SqliteStore,
    clock: FakeClock,
    bump: Bump,
    case: tuple[str, float, tuple[int, float, float | None]],
) -> None:
    sid, later, (seq, _, expires_after) = case
    now = clock.now + later
    with sstore._pool.transaction(write=True) as conn:
        assert bump(conn, sid, now) == seq
        state = conn.execute(STATE, (sid,)).fetchone()
    assert state == (seq, now, None if expires_after is None else clock.now + expires_after)


@pytest.mark.parametrize(("sid", "later"), [("short", 10.0), ("short", 60.0), ("never-made", 0.0)])
@pytest.mark.parametrize("bump", BUMPS)
def test_bump_refuses_expired_or_missing_sessions_and_changes_nothing(
    sstore: SqliteStore, clock: FakeClock, bump: Bump, sid: str, later: float
) -> None:
    # Rule: expires_at <= now is expired (10.0 is the exact expiry instant).
    with sstore._pool.transaction(write=True) as conn:
        before = conn.execute(STATE, (sid,)).fetchone()
        with pytest.raises(SessionNotFound, match="does not exist or has expired"):
            bump(conn, sid, clock.now + later)
        assert conn.execute(STATE, (sid,)).fetchone() == before


def test_the_store_uses_returning_where_sqlite_has_it() -> None:
    import sqlite3

    assert (sqlite3.sqlite_version_info >= (3, 35, 0)) == q.HAS_RETURNING
    assert q.bump is (q.bump_returning if q.HAS_RETURNING else q.bump_classic)
