"""Hybrid store: record changes, read cursors, idempotent appends and scroll-back keep the cached tail honest."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from persistence import SessionStore
from tests.persistence.backends.hybrid.cache_checks import PREFIX, cache_entry, contents, with_messages
from tests.redis_server import RedisServer


@pytest.fixture
def urls(fresh_redis: RedisServer, tmp_path: Path) -> tuple[str, str]:
    """(hybrid URL caching 5 messages, the URL of its durable SQLite store) for this test."""
    durable = f"sqlite:///{tmp_path}/h.db"
    return f"hybrid:///?store={durable}&cache={fresh_redis.url}&cache_messages=5&prefix={PREFIX}", durable


def test_record_changes_are_seen_at_once_and_leave_the_cached_tail_valid(
    urls: tuple[str, str], open_url: Callable[[str], SessionStore], fresh_redis: RedisServer
) -> None:
    hybrid, durable = open_url(urls[0]), open_url(urls[1])
    session = with_messages(hybrid, 7)
    for change in (
        lambda: hybrid.update_session(session.id, title="renamed"),
        lambda: hybrid.add_participants(session.id, ["b"]),
        lambda: hybrid.remove_participants(session.id, ["b"]),
    ):
        changed = change()
        assert hybrid.get_session(session.id) == changed == durable.get_session(session.id)
        with fresh_redis.client() as client:  # the stamp (incarnation, count, updated_at) still matches
            stamp, tail = cache_entry(client, session.id)
            assert (stamp[b"count"], len(tail)) == (b"7", 5)
        assert contents(hybrid, session.id, limit=2) == ["m5", "m6"]
    assert hybrid.get_session(session.id).version == 4
    durable.update_session(session.id, title="behind the hybrid")  # a change the hybrid never saw
    assert hybrid.get_session(session.id).title == "behind the hybrid", "sessions are read durably"


def test_idempotent_appends_and_scroll_back_through_the_cache(
    urls: tuple[str, str], open_url: Callable[[str], SessionStore], fresh_redis: RedisServer
) -> None:
    hybrid = open_url(urls[0])
    session = hybrid.create_session(["a"])
    first = hybrid.append_message(session.id, "a", "m0", client_id="c0")
    for number in range(1, 8):
        hybrid.append_message(session.id, "a", f"m{number}")
    assert hybrid.append_message(session.id, "a", "m0", client_id="c0") == first  # a replay writes nothing
    with fresh_redis.client() as client:
        assert cache_entry(client, session.id)[0][b"count"] == b"8", "the replay left the cached tail alone"
    assert contents(hybrid, session.id, before_seq=8, limit=3) == ["m4", "m5", "m6"]  # from the cache
    assert contents(hybrid, session.id, before_seq=3, limit=5) == ["m0", "m1"]  # older than the window
    assert hybrid.get_messages(session.id, before_seq=2)[0].client_id == "c0"


def test_read_cursors_live_in_the_durable_store_and_leave_the_cached_tail_valid(
    urls: tuple[str, str], open_url: Callable[[str], SessionStore], fresh_redis: RedisServer
) -> None:
    hybrid, durable = open_url(urls[0]), open_url(urls[1])
    session = with_messages(hybrid, 7)
    hybrid.add_participants(session.id, ["b"])
    assert hybrid.mark_read(session.id, "b", 4) == 4
    assert durable.read_state(session.id) == hybrid.read_state(session.id) == {"a": 0, "b": 4}
    assert [(s.id, n) for s, n in hybrid.unread_counts("b")] == [(session.id, 3)]
    with fresh_redis.client() as client:
        assert cache_entry(client, session.id)[0][b"count"] == b"7"
    assert contents(hybrid, session.id, limit=2) == ["m5", "m6"]
    hybrid.remove_participants(session.id, ["b"])
    assert hybrid.read_state(session.id) == {"a": 0}
