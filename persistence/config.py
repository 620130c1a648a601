"""URL -> store: `open_store` picks the backend by URL scheme and passes the query options on.

Backends are imported lazily, by name, when a URL needs them. A hybrid URL is opened here: its durable
store by `open_backend`, its cache client by the Redis backend's factory, both handed to HybridStore.
"""

from __future__ import annotations

import importlib
import inspect
import os
from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

from persistence.base import StoreBase
from persistence.errors import InvalidData, StoreUnavailable, no_store
from persistence.interface import SessionStore
from persistence.urls import STORE_SCHEMES, parse_hybrid_url, redact

DEFAULT_URL = "sqlite:///sessions.db"
ENV_VAR = "SESSION_STORE_URL"
REDIS = ("persistence.backends.redis.store", "RedisStore", True)
REDIS_SCHEMES = ("redis", "rediss", "unix", "redis+cluster", "rediss+cluster")
# scheme -> (module, class, whether the backend takes the whole URL instead of a path); hybrid: see open_hybrid
BACKENDS: dict[str, tuple[str, str, bool]] = {
    "json": ("persistence.backends.jsonfile.store", "JsonStore", False),
    "sqlite": ("persistence.backends.sqlite.store", "SqliteStore", False),
    **dict.fromkeys(REDIS_SCHEMES, REDIS),
    "hybrid": ("persistence.backends.hybrid.store", "HybridStore", True),
}
assert tuple(BACKENDS) == STORE_SCHEMES, "persistence.urls.STORE_SCHEMES lists the schemes of BACKENDS"
OPTION_TYPES: dict[str, type] = {"ttl": float, "prefix": str, "max_message_bytes": int}
CODE_ONLY_OPTIONS = frozenset({"clock", "client", "create", "asynchronous"})
HYBRID_OPTIONS = ("prefix", "ttl", "max_message_bytes", "clock")  # all but prefix go to the durable store


def parse_options(query: str, url: str) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    """Split a query string into our typed options and the rest (which the driver receives)."""
    ours: dict[str, Any] = {}
    rest: list[tuple[str, str]] = []
    for key, value in parse_qsl(query, keep_blank_values=True):
        if key in CODE_ONLY_OPTIONS:
            raise InvalidData(
                f"store URL {redact(url)}: {key} can only be passed as a keyword to open_store()"
            )
        if key not in OPTION_TYPES:
            rest.append((key, value))
            continue
        try:
            ours[key] = OPTION_TYPES[key](value)
        except ValueError as exc:
            raise InvalidData(
                f"store URL {redact(url)}: option {key}={value!r} is not a valid "
                f"{OPTION_TYPES[key].__name__}; fix the query string"
            ) from exc
    return ours, rest


def location(url: str, scheme: str, netloc: str, path: str, *, create: bool) -> str:
    """Turn `json:///rel` / `json:////abs` (SQLAlchemy's slash convention) into a filesystem path;
    with `create` False, StoreNotFound unless the backend's `missing_store` finds a store there."""
    if not path.startswith("/") or path == "/" or netloc:
        raise InvalidData(
            f"store URL {redact(url)} has no local path: write {scheme}:///relative/path or {scheme}:////absolute/path"
        )
    missing = None if create else getattr(load_backend(scheme), "missing_store", lambda _: None)(path[1:])
    if missing:
        raise no_store(redact(url), missing)
    return path[1:]


def load_backend(scheme: str) -> Callable[..., StoreBase]:
    """The store class of `scheme`, imported now; StoreUnavailable if it cannot load on this machine."""
    module_name, class_name, _ = BACKENDS[scheme]
    try:
        backend: Callable[..., StoreBase] = getattr(importlib.import_module(module_name), class_name)
    except ImportError as exc:  # e.g. fcntl (JSON store) on Windows, or redis-py not installed
        raise StoreUnavailable(
            f"the {scheme} backend cannot load here ({exc}); use another store URL or install what it needs"
        ) from exc
    return backend


def check_options(url: str, scheme: str, options: dict[str, Any], accepted: list[str]) -> None:
    """InvalidData naming the options the backend does not take, and those it does."""
    unknown = sorted(set(options) - set(accepted))
    if unknown:
        raise InvalidData(
            f"option(s) {', '.join(unknown)} do not apply to {scheme} stores ({redact(url)}); "
            f"accepted: {', '.join(accepted)}"
        )


def open_hybrid(url: str, options: dict[str, Any]) -> StoreBase:
    """The durable store a hybrid URL names, and its Redis cache, composed by HybridStore."""
    from persistence.backends.hybrid.store import HybridStore
    from persistence.backends.redis.connect import open_client

    parsed = parse_hybrid_url(url)
    prefix = options.pop("prefix", "chat-cache")
    durable = open_backend(parsed.store, **options)
    try:
        return HybridStore(durable, parsed, prefix=prefix, connect=open_client)
    except BaseException:
        durable.close()
        raise


def open_backend(url: str | None = None, **options: Any) -> StoreBase:
    """open_store, typed as the StoreBase every backend is (restore_session, storage_figures, clock)."""
    url = url or os.environ.get(ENV_VAR) or DEFAULT_URL
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in BACKENDS:
        known = ", ".join(sorted(BACKENDS))
        raise InvalidData(f"unknown store URL scheme {scheme!r} in {redact(url)}; use one of: {known}")
    ours, rest = parse_options(parts.query, url)
    ours.update(options)
    create = ours.pop("create", True)  # Redis keeps no store-wide record: a server that answers is a store
    if BACKENDS[scheme][2]:
        # Rebuilt from the text, not by urlunsplit, which turns `unix:///run/redis.sock` into `unix:/run/...`.
        target = url.partition("#")[0].partition("?")[0] + (f"?{urlencode(rest)}" if rest else "")
    else:
        # Backend-specific query options (e.g. sqlite's synchronous) are passed on as strings;
        # the signature check below rejects any the backend does not take.
        ours = {**dict(rest), **ours}
        target = location(url, scheme, parts.netloc, parts.path, create=create)
    if scheme == "hybrid":
        check_options(url, scheme, ours, list(HYBRID_OPTIONS))
        return open_hybrid(target, {**ours, "create": create})
    if scheme in REDIS_SCHEMES:  # client=: a ready redis-py client; asynchronous=: persistence.aio's
        target = ours.pop("client", target)
        if ours.pop("asynchronous", False):
            target = importlib.import_module("persistence.backends.redis.connect").Asyncio(target)
    backend = load_backend(scheme)
    check_options(url, scheme, ours, list(inspect.signature(backend).parameters)[1:])  # [0]: the path / URL
    return backend(target, **ours)


def open_store(url: str | None = None, **options: Any) -> SessionStore:
    """Open the store named by `url`, else $SESSION_STORE_URL, else `sqlite:///sessions.db`.

    Keyword `options` (ttl, prefix, max_message_bytes, clock, ...) override the URL's query; Redis URLs take
    `client=` a ready `redis.Redis` / `RedisCluster` (left open on close). `create=False` opens only an
    existing store, else StoreNotFound (JSON: the directory exists; SQLite: the file; Redis: the server
    answers; hybrid: its durable store's)."""
    if options.get("asynchronous"):
        raise InvalidData("asynchronous=True is persistence.aio's: `await persistence.aio.open_store(url)`")
    return open_backend(url, **options)
