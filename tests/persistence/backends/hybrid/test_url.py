"""The hybrid store's URL: plain and URL-encoded nested URLs, its own options, and clear errors."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote

import pytest

from persistence import InvalidData, SessionStore, open_store
from persistence.urls import HybridConfig, parse_hybrid_url
from tests.redis_server import RedisServer

SQLITE = "sqlite:////var/lib/chat.db"
CACHE = "redis://cache:6379/0"

PARSED: list[tuple[str, HybridConfig]] = [
    # the documented plain form; defaults: 100 cached messages, 0.5 s cache timeout
    (f"hybrid:///?store={SQLITE}&cache={CACHE}", HybridConfig(SQLITE, CACHE, 100, 0.5)),
    # the cache options
    (
        f"hybrid:///?store={SQLITE}&cache={CACHE}&cache_messages=20&cache_timeout=0.1",
        HybridConfig(SQLITE, CACHE, 20, 0.1),
    ),
    # nested URLs URL-encoded, each with its own query
    (
        (
            f"hybrid:///?store={quote('sqlite:///a.db?synchronous=NORMAL', safe='')}"
            f"&cache={quote('redis://h/0?socket_keepalive=true&db=2', safe='')}"
        ),
        HybridConfig("sqlite:///a.db?synchronous=NORMAL", "redis://h/0?socket_keepalive=true&db=2"),
    ),
    # written plain, a nested query going on past '&' is given back to the nested URL before it
    (
        "hybrid:///?store=sqlite:///a.db?synchronous=NORMAL&cache=redis://h/0?socket_keepalive=true&db=2&cache_messages=7",
        HybridConfig("sqlite:///a.db?synchronous=NORMAL", "redis://h/0?socket_keepalive=true&db=2", 7),
    ),
    # a plain cluster cache keeps its '+' (a query would read it as a space)
    (
        f"hybrid:///?store={SQLITE}&cache=redis+cluster://a:7000,b:7001/",
        HybridConfig(SQLITE, "redis+cluster://a:7000,b:7001/"),
    ),
    # a JSON durable store, and the one-slash spelling open_store passes on
    (f"hybrid:/?store=json:///chats&cache={CACHE}", HybridConfig("json:///chats", CACHE)),
]

REJECTED: list[tuple[str, str]] = [
    (f"hybrid:///?store={SQLITE}", "needs a durable store= and a Redis cache="),
    (f"hybrid:///?cache={CACHE}", "needs a durable store= and a Redis cache="),
    (f"hybrid://host/?store={SQLITE}&cache={CACHE}", "has a host or path"),
    (f"hybrid:///?store={SQLITE}&cache={CACHE}&colour=blue", "unknown option 'colour'"),
    (f"hybrid:///?store={SQLITE}&store={SQLITE}&cache={CACHE}", "gives store= twice"),
    (
        f"hybrid:///?store={SQLITE}&cache={CACHE}&cache_messages=0",
        "cache_messages='0' must be a number from 1 to 1000",
    ),
    (f"hybrid:///?store={SQLITE}&cache={CACHE}&cache_messages=1001", "from 1 to 1000"),
    (f"hybrid:///?store={SQLITE}&cache={CACHE}&cache_messages=many", "from 1 to 1000"),
    (f"hybrid:///?store={SQLITE}&cache={CACHE}&cache_messages=2.5", "whole number"),
    (f"hybrid:///?store={SQLITE}&cache={CACHE}&cache_timeout=0", "cache_timeout='0' must be a number"),
    (f"hybrid:///?store=hybrid:///&cache={CACHE}", "store= must be a json, sqlite or redis store URL"),
    (f"hybrid:///?store=ftp://x/y&cache={CACHE}", "store= must be a json, sqlite or redis store URL"),
    (f"hybrid:///?store={SQLITE}&cache=http://cache/", "cache= must be a redis, rediss, unix"),
]


@pytest.mark.parametrize(("url", "expected"), PARSED)
def test_url_forms(url: str, expected: HybridConfig) -> None:
    assert parse_hybrid_url(url) == expected


@pytest.mark.parametrize(("url", "message"), REJECTED)
def test_bad_urls_are_invalid_data(url: str, message: str) -> None:
    with pytest.raises(InvalidData, match="hybrid URL") as caught:
        parse_hybrid_url(url)
    assert message in str(caught.value)


@pytest.mark.parametrize("encode", [False, True], ids=["plain", "encoded"])
def test_errors_never_show_a_password(tmp_path: Path, encode: bool) -> None:
    cache = "redis://:pw-Hunter2@h:6379/0"
    url = f"hybrid:///?store=sqlite:///{tmp_path}/a.db&cache={quote(cache, safe='') if encode else cache}"
    for bad, message in (
        (f"{url}&colour=blue", "unknown option"),
        (f"{url}&cache_messages=0", "cache_messages"),
    ):
        with pytest.raises(InvalidData, match=message) as caught:
            open_store(bad)
        assert "pw-Hunter2" not in str(caught.value)
    with pytest.raises(InvalidData, match="do not apply") as caught:
        open_store(url, colour="blue")
    assert "pw-Hunter2" not in str(caught.value)


def test_both_forms_open_working_stores(
    redis_server: RedisServer, tmp_path: Path, open_url: Callable[[str], SessionStore]
) -> None:
    nested = f"{redis_server.url}?socket_keepalive=true&health_check_interval=5"
    plain = (
        f"hybrid:///?store=sqlite:///{tmp_path}/a.db?synchronous=NORMAL&cache={nested}&prefix=forms&ttl=60"
    )
    encoded = (
        f"hybrid:///?store={quote(f'sqlite:///{tmp_path}/a.db?synchronous=NORMAL', safe='')}"
        f"&cache={quote(nested, safe='')}&prefix=forms&ttl=60&cache_messages=3"
    )
    first, second = open_url(plain), open_url(encoded)
    session = first.create_session(["a"])
    assert session.expires_at is not None, "the hybrid's ttl option reached the durable store"
    for n in range(5):
        second.append_message(session.id, "a", f"m{n}")
    assert [m.content for m in first.get_messages(session.id, limit=2)] == ["m3", "m4"]
    assert second.get_session(session.id) == first.get_session(session.id)


def test_options_that_do_not_apply_are_refused(tmp_path: Path) -> None:
    url = f"hybrid:///?store=sqlite:///{tmp_path}/a.db&cache=redis://127.0.0.1:1/0"
    with pytest.raises(InvalidData, match="cache_messages"):
        open_store(url, cache_messages=5)
