"""Contract: a store that cannot be opened or reached raises StoreUnavailable, never a driver error or a password."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from persistence import PersistenceError, SessionStore, StoreUnavailable, open_store
from tests.persistence.stores import FakeClock
from tests.redis_server import free_port


def unreachable_url(backend: str, tmp_path: Path) -> str:
    """A URL of the backend that cannot work: a path through a regular file, or a port nobody listens on."""
    blocker = tmp_path / "a-regular-file"
    blocker.write_text("not a directory")
    if backend == "json":
        return f"json:///{blocker}/sessions"
    if backend == "sqlite":
        return f"sqlite:///{blocker}/sessions.db"
    return f"redis://127.0.0.1:{free_port()}/0?prefix=unreachable"


def exercise(url: str, clock: FakeClock) -> None:
    """Open the store and use it; a lazy backend may fail at the first operation rather than at open."""
    with open_store(url, clock=clock) as store:
        store.create_session(["a"], session_id="s")
        store.list_sessions()


def test_unreachable_store_raises_store_unavailable(backend: str, tmp_path: Path, clock: FakeClock) -> None:
    url = unreachable_url(backend, tmp_path)
    with pytest.raises(StoreUnavailable) as caught:
        exercise(url, clock)
    message = str(caught.value)
    assert message, "the error says what went wrong"
    assert isinstance(caught.value.__cause__, BaseException), "the driver's error is kept as the cause"


def test_json_root_that_is_a_file_is_unavailable(tmp_path: Path, clock: FakeClock) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(StoreUnavailable, match="directory"):
        exercise(f"json:///{blocker}", clock)


def test_redis_wrong_password_is_redacted(request: pytest.FixtureRequest, clock: FakeClock) -> None:
    server = request.getfixturevalue("redis_server_auth")  # a redis-server started with --requirepass
    wrong = f"redis://:secret-Hunter2@{server.host}:{server.port}/0?prefix=auth"
    with pytest.raises(StoreUnavailable) as caught:
        exercise(wrong, clock)
    assert "secret-Hunter2" not in str(caught.value)
    assert server.password not in str(caught.value)
    assert all("secret-Hunter2" not in str(arg) for arg in caught.value.args)


def test_redis_right_password_works(request: pytest.FixtureRequest, clock: FakeClock) -> None:
    server = request.getfixturevalue("redis_server_auth")
    with open_store(f"{server.url}?prefix=auth-ok", clock=clock) as store:
        session = store.create_session(["a"])
        assert store.get_session(session.id) == session
        store.delete_session(session.id)


def test_redis_unreachable_port_message(clock: FakeClock) -> None:
    port = free_port()
    with pytest.raises(StoreUnavailable) as caught:
        exercise(f"redis://:pw-Hunter2@127.0.0.1:{port}/0", clock)
    assert "pw-Hunter2" not in str(caught.value)
    assert str(port) in str(caught.value), "the message names where it tried to connect"


def test_every_failure_in_a_session_is_a_persistence_error(
    store: SessionStore, open_url: Callable[[str], SessionStore], url_with: Callable[..., str]
) -> None:
    # a tour of the API's failure paths: each raises our own family, never a driver exception
    store.create_session(["a"], session_id="s")
    attempts: list[Callable[[], object]] = [
        lambda: store.create_session(["a"], session_id="s"),
        lambda: store.get_session("missing"),
        lambda: store.append_message("missing", "a", "x"),
        lambda: store.get_messages("s", limit=-1),
        lambda: store.delete_session("missing"),
        lambda: store.create_session([], session_id="t"),
        lambda: store.append_message("s", "a", "x", metadata={"k": object()}),
        lambda: open_url(url_with(ttl="soon")),
        lambda: open_url(url_with(max_message_bytes="big")),
    ]
    for attempt in attempts:
        with pytest.raises(PersistenceError):
            attempt()
    assert store.get_session("s").message_count == 0
