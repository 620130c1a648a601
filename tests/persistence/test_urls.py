"""Store URLs: every password form redis-py accepts is hidden, and `unix://` socket URLs open everywhere."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest

from persistence import StoreUnavailable, open_store
from persistence.urls import redact
from tests.redis_server import RedisServer

SECRET = "S3cr/t@x"  # a raw '/' and '@' in it, as users write them

REDACTED = [
    ("redis://h:6379/0?password=abc", "redis://h:6379/0?password=***"),
    ("redis://h:6379/0?db=1&PASSWORD=abc&prefix=p", "redis://h:6379/0?db=1&PASSWORD=***&prefix=p"),
    ("redis://:p@ss@host:6379/0", "redis://:***@host:6379/0"),
    ("redis://:pa/ss@host:6379/0", "redis://:***@host:6379/0"),
    ("redis://user:pw@h/0", "redis://***:***@h/0"),
    ("redis://h/0?username=bob&password=pw", "redis://h/0?username=***&password=***"),
    ("redis://lonely@h/0", "redis://***@h/0"),
    ("rediss://:pw@h:6380", "rediss://:***@h:6380"),
    ("unix://:pw@/run/redis.sock?db=2", "unix://:***@/run/redis.sock?db=2"),
    ("unix:///run/redis.sock?password=pw", "unix:///run/redis.sock?password=***"),
    ("redis+cluster://:pw@a:1,b:2/", "redis+cluster://:***@a:1,b:2/"),
    ("redis+cluster://ann:pw@a:1,b:2/", "redis+cluster://***:***@a:1,b:2/"),
    (
        "hybrid:///?store=redis://:a@h1/0&cache=redis://:b@h2/0",
        "hybrid:///?store=redis://:***@h1/0&cache=redis://:***@h2/0",
    ),
    (
        "hybrid:///?store=sqlite:///x.db&cache=redis%3A%2F%2F%3Apw%40h%2F0",
        "hybrid:///?store=sqlite:///x.db&cache=redis://:***@h/0",
    ),
    (
        "hybrid:///?store=sqlite:///x.db&cache=redis://h/0%3Fpassword%3Dpw",
        "hybrid:///?store=sqlite:///x.db&cache=redis://h/0?password=***",
    ),
    ("sqlite:///dir@x/a.db", "sqlite:///dir@x/a.db"),  # a path, not a password
    ("json:////abs/dir", "json:////abs/dir"),
]


@pytest.mark.parametrize(("url", "shown"), REDACTED)
def test_every_password_form_is_hidden(url: str, shown: str) -> None:
    assert redact(url) == shown


@pytest.mark.parametrize(
    "url",
    [
        f"redis://:{SECRET}@127.0.0.1:1/0",
        f"redis://127.0.0.1:1/0?password={SECRET}",
        f"unix://:{SECRET}@/nonexistent/redis.sock",
    ],
)
def test_errors_never_show_a_password(url: str) -> None:
    with pytest.raises(Exception) as caught:
        open_store(url).get_messages("x", limit=1)
    text = "".join(str(e) for e in (caught.value, caught.value.__cause__) if e is not None)
    assert "S3cr" not in text and "***" in str(caught.value), text


def test_cache_warnings_never_show_a_password(caplog: pytest.LogCaptureFixture) -> None:
    url = f"hybrid:///?store=sqlite:///:memory:&cache=redis://127.0.0.1:1/0?password={SECRET}"
    with open_store(url) as store:
        store.create_session(["ann"], session_id="s")
    assert "cache at redis://127.0.0.1:1/0?password=*** failed" in caplog.text
    assert "S3cr" not in caplog.text


def test_a_unix_url_opens_with_its_db(redis_server: RedisServer) -> None:
    prefix = f"u{uuid.uuid4().hex}"
    with open_store(f"unix://{redis_server.socket}?db=3&prefix={prefix}") as store:
        store.create_session(["ann"], session_id="s")
        store.append_message("s", "ann", "hi")
    with redis_server.client() as client:
        client.select(3)
        assert client.exists(f"{prefix}:{{s}}:session")
    with open_store(f"redis://127.0.0.1:{redis_server.port}/3?prefix={prefix}") as store:
        assert [m.content for m in store.get_messages("s")] == ["hi"]


def test_a_hybrid_takes_unix_urls_for_both_stores(redis_server: RedisServer, tmp_path: Path) -> None:
    sock = redis_server.socket
    url = f"hybrid:///?store=unix://{sock}?db=4&cache=unix://{sock}?db=5&prefix=h{uuid.uuid4().hex}"
    with open_store(url) as store:
        store.create_session(["ann"], session_id="s")
        store.append_message("s", "ann", "hi")
        assert [m.content for m in store.get_messages("s", limit=1)] == ["hi"]


def test_a_missing_socket_is_unavailable_not_a_bad_url(tmp_path: Path) -> None:
    with pytest.raises(StoreUnavailable, match=r"unix:///"):
        open_store(f"unix://{tmp_path}/none.sock")


def test_the_tools_take_unix_urls(redis_server: RedisServer) -> None:
    from click.testing import CliRunner

    from persistence.cli import PROG, cli

    url = f"unix://{redis_server.socket}?db=6&prefix=u{uuid.uuid4().hex}"
    with open_store(url) as store:
        store.create_session(["ann"], session_id="s")
    result = CliRunner().invoke(cli, ["list", url], prog_name=PROG)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[1].startswith("s ")
