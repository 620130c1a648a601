"""open_store's URL rules: scheme -> backend, SQLAlchemy's slashes, options, the env var and the default."""

from __future__ import annotations

from pathlib import Path

import pytest

from persistence import InvalidData, open_store
from persistence.backends.jsonfile.store import JsonStore
from persistence.backends.sqlite.store import SqliteStore
from tests.redis_server import RedisServer


@pytest.mark.parametrize(
    ("url", "kind", "relative"),
    [
        ("json:///data/chats", JsonStore, "data/chats"),  # three slashes: relative to the cwd
        ("sqlite:///data/chat.db", SqliteStore, "data/chat.db"),
        ("sqlite:///chat.db?ttl=30&max_message_bytes=64", SqliteStore, "chat.db"),  # our options are stripped
    ],
)
def test_three_slashes_are_relative_to_the_cwd(
    url: str, kind: type, relative: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    with open_store(url) as store:
        assert isinstance(store, kind)
    assert (tmp_path / relative).exists()


def test_four_slashes_are_absolute_and_query_options_are_typed(tmp_path: Path) -> None:
    with open_store(f"sqlite:///{tmp_path}/abs.db?ttl=30&max_message_bytes=64") as store:
        assert isinstance(store, SqliteStore)
        assert (store.default_ttl, store.max_message_bytes) == (30.0, 64)
    assert (tmp_path / "abs.db").exists()


def test_keyword_options_override_the_query(tmp_path: Path) -> None:
    with open_store(f"json:///{tmp_path}/j?ttl=30", ttl=5) as store:
        assert store.default_ttl == 5


def test_env_var_then_default(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SESSION_STORE_URL", f"json:///{tmp_path}/from-env")
    with open_store() as store:
        assert isinstance(store, JsonStore)
    assert (tmp_path / "from-env").is_dir()
    monkeypatch.delenv("SESSION_STORE_URL")
    with open_store() as store:  # the documented default: sqlite:///sessions.db in the cwd
        assert isinstance(store, SqliteStore)
    assert (tmp_path / "sessions.db").is_file()


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("ftp://host/x", "unknown store URL scheme 'ftp'"),
        ("json://", "has no local path"),
        ("json://host/dir", "has no local path"),  # a host is not a directory
        ("sqlite:///x.db?ttl=soon", "option ttl='soon' is not a valid float"),
        ("sqlite:///x.db?ttl=-1", "ttl must be a positive, finite number"),
        ("sqlite:///x.db?max_message_bytes=0", "max_message_bytes must be a positive int"),
        ("sqlite:///x.db?prefix=chat", "do not apply to sqlite stores"),  # prefix is for Redis only
        ("sqlite:///x.db?clock=1", "clock can only be passed as a keyword"),
    ],
)
def test_bad_urls_raise_invalid_data_naming_the_problem(
    url: str, message: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(InvalidData, match=message):
        open_store(url)


def test_a_ready_redis_client_can_be_given_for_a_redis_url(redis_server: RedisServer, tmp_path: Path) -> None:
    client = redis_server.client()
    try:
        with open_store(f"{redis_server.url}?prefix=given", client=client) as store:
            store.create_session(["a"], session_id="s")
        assert client.exists("given:{s}:session") == 1, "the store wrote through the client it was given"
        assert client.ping(), "closing the store leaves a client it was given open"
    finally:
        client.close()
    with pytest.raises(InvalidData, match="client"):
        open_store(f"json:///{tmp_path}/j", client=object())
