"""Redis backend: unreachable servers, bad credentials and damaged values become our own errors."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from persistence import CorruptData, InvalidData, StoreUnavailable, open_store
from persistence.backends.redis.store import RedisStore
from tests.redis_server import RedisServer, free_port

START = 1_800_000_000.0
RECORD = '{"participants":["A"],"title":"","metadata":{},"created_at":1.0}'
GOOD_MESSAGE = '{"sender":"A","content":"ok","recipients":[],"timestamp":1.0,"metadata":{}}'


def chain_text(exc: BaseException) -> str:
    """Every message in the exception's cause chain, as a user would see them in a traceback."""
    parts = []
    current: BaseException | None = exc
    while current is not None:
        parts.append(f"{type(current).__name__}: {current}")
        current = current.__cause__ or current.__context__
    return "\n".join(parts)


def test_an_unreachable_server_is_store_unavailable() -> None:
    port = free_port()  # nothing listens there
    with pytest.raises(StoreUnavailable) as caught:
        open_store(f"redis://:topsecret@127.0.0.1:{port}/0")
    assert f"redis://:***@127.0.0.1:{port}/0" in str(caught.value)
    assert "check that redis-server is running" in str(caught.value)
    assert "topsecret" not in chain_text(caught.value)


@pytest.mark.parametrize(
    "auth",
    [
        ":wrong-password-123@",  # wrong password
        "default:wrong-password-123@",  # wrong password for a named user (ACL form)
        "",  # no password at all: the server answers NOAUTH
    ],
)
def test_bad_credentials_are_store_unavailable_and_redacted(
    redis_server_auth: RedisServer, auth: str
) -> None:
    url = f"redis://{auth}{redis_server_auth.host}:{redis_server_auth.port}/0"
    with pytest.raises(StoreUnavailable) as caught:
        open_store(url)
    assert "password" in str(caught.value)  # says what to check
    assert "wrong-password-123" not in chain_text(caught.value)
    assert redis_server_auth.password is not None
    assert redis_server_auth.password not in chain_text(caught.value)


def test_the_right_password_works_and_never_shows(redis_server_auth: RedisServer) -> None:
    assert redis_server_auth.password is not None
    with open_store(redis_server_auth.url, prefix="auth") as store:
        session = store.create_session(["A"])
        assert store.get_session(session.id).participants == ("A",)
        assert redis_server_auth.password not in repr(store.__dict__.get("where"))


def test_a_server_that_goes_away_is_store_unavailable() -> None:
    server = RedisServer().start()
    store = RedisStore(server.url, clock=lambda: START)
    session = store.create_session(["A"])
    server.stop()
    for operation in (
        lambda: store.append_message(session.id, "A", "lost?"),
        lambda: store.get_session(session.id),
        lambda: store.get_messages(session.id, limit=5),
        store.list_sessions,
        store.purge_expired,
    ):
        with pytest.raises(StoreUnavailable, match="check that redis-server is running"):
            operation()
    store.close()


@pytest.mark.parametrize(
    "url",
    [
        "redis://127.0.0.1:notaport/0",  # port is not a number
        "redis://127.0.0.1:99999/0",  # port out of range
    ],
)
def test_a_malformed_url_is_invalid_data(url: str) -> None:
    with pytest.raises(InvalidData, match="bad Redis URL"):
        open_store(url)


@pytest.mark.parametrize(
    ("damage", "read", "expected"),
    [
        # message 2 of 3 is not JSON: the key and the list position are named
        (
            {"messages": [GOOD_MESSAGE, "{torn", GOOD_MESSAGE]},
            "messages",
            r"cx:\{s\}:messages at index 1 \(seq 2\)",
        ),
        # valid JSON but a required field is missing
        (
            {"messages": ['{"sender":"A"}']},
            "messages",
            r"index 0 \(seq 1\) has missing or mistyped field\(s\) content",
        ),
        # bytes that are not UTF-8
        ({"messages": [b"\xff\xfe"]}, "messages", r"index 0 \(seq 1\) is not UTF-8"),
        # the session record is not JSON
        ({"record": "not json"}, "session", r"cx:\{s\}:session field 'record' is not valid JSON"),
        # a bookkeeping field that is not a number
        ({"updated_at": "yesterday"}, "session", r"field 'updated_at' holds 'yesterday'"),
        # the message list has the wrong Redis type
        ({"messages_type": "string"}, "messages", r"cannot read message list cx:\{s\}:messages"),
        # the session hash has the wrong Redis type: the append script refuses it
        ({"session_type": "string"}, "append", r"cannot read session key cx:\{s\}:session.*WRONGTYPE"),
    ],
)
def test_damaged_values_are_corrupt_data_naming_key_and_position(
    fresh_redis: RedisServer, damage: dict[str, Any], read: str, expected: str
) -> None:
    fields = {"record": RECORD, "updated_at": "1.0", "expires_at": "", "ttl": "", "count": "0"}
    fields.update({k: v for k, v in damage.items() if k in fields})
    with fresh_redis.client() as client:
        if "session_type" in damage:
            client.set("cx:{s}:session", "a string")
        else:
            client.hset("cx:{s}:session", mapping=fields)
        if "messages_type" in damage:
            client.set("cx:{s}:messages", "a string")
        for raw in damage.get("messages", []):
            client.rpush("cx:{s}:messages", raw)
    store = RedisStore(fresh_redis.url, prefix="cx", clock=lambda: START)
    readers: dict[str, Callable[[], object]] = {
        "messages": lambda: store.get_messages("s"),
        "session": lambda: store.get_session("s"),
        "append": lambda: store.append_message("s", "A", "next"),
    }
    with pytest.raises(CorruptData, match=expected):
        readers[read]()
    store.close()


@pytest.mark.parametrize(
    ("ci", "outcome"),
    [
        ("true", pytest.fail.Exception),  # CI must have redis-server: a missing binary fails the run
        ("", pytest.skip.Exception),  # a developer without it gets a skip saying how to install it
    ],
)
def test_a_missing_redis_server_fails_in_ci_and_skips_elsewhere(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, ci: str, outcome: type[BaseException]
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # an empty directory: no redis-server on PATH
    monkeypatch.setenv("CI", ci)
    with pytest.raises(outcome, match="apt-get install redis-server"):
        RedisServer()
