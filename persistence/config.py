"""URL -> store: `open_store` picks the backend by URL scheme and passes the query options on."""

from __future__ import annotations

import importlib
import inspect
import os
import re
from typing import Any
from urllib.parse import parse_qsl, unquote, urlencode, urlsplit, urlunsplit

from persistence.errors import InvalidData, StoreUnavailable
from persistence.interface import SessionStore

DEFAULT_URL = "sqlite:///sessions.db"
ENV_VAR = "SESSION_STORE_URL"

# scheme -> (module, class, whether the backend takes the whole URL instead of a path)
BACKENDS: dict[str, tuple[str, str, bool]] = {
    "json": ("persistence.json_store", "JsonStore", False),
    "sqlite": ("persistence.sqlite_store", "SqliteStore", False),
    "redis": ("persistence.redis_store", "RedisStore", True),
    "rediss": ("persistence.redis_store", "RedisStore", True),
    "unix": ("persistence.redis_store", "RedisStore", True),
    "redis+cluster": ("persistence.redis_store", "RedisStore", True),
    "rediss+cluster": ("persistence.redis_store", "RedisStore", True),
    "hybrid": ("persistence.hybrid_store", "HybridStore", True),
}
OPTION_TYPES: dict[str, type] = {"ttl": float, "prefix": str, "max_message_bytes": int}
CODE_ONLY_OPTIONS = frozenset({"clock", "client"})


def redact(url: str) -> str:
    """Return `url` with any password replaced by `***`, safe to put in messages and logs.

    Twice: as written, then URL-decoded, for passwords of URL-encoded URLs nested in a hybrid URL.
    """
    hidden = re.sub(r"(//[^/@:]*:)[^/@]*@", r"\1***@", url)
    return re.sub(r"(//[^/@:]*:)[^/@]*@", r"\1***@", unquote(hidden))


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


def location(url: str, scheme: str, netloc: str, path: str) -> str:
    """Turn `json:///rel` / `json:////abs` (SQLAlchemy's slash convention) into a filesystem path."""
    if not path.startswith("/") or path == "/" or netloc:
        raise InvalidData(
            f"store URL {redact(url)} has no local path: write {scheme}:///relative/path or {scheme}:////absolute/path"
        )
    return path[1:]


def open_store(url: str | None = None, **options: Any) -> SessionStore:
    """Open the store named by `url`, else $SESSION_STORE_URL, else `sqlite:///sessions.db`.

    Keyword `options` (ttl, prefix, max_message_bytes, clock, ...) override the URL's query.
    """
    url = url or os.environ.get(ENV_VAR) or DEFAULT_URL
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in BACKENDS:
        known = ", ".join(sorted(BACKENDS))
        raise InvalidData(f"unknown store URL scheme {scheme!r} in {redact(url)}; use one of: {known}")
    module_name, class_name, whole_url = BACKENDS[scheme]
    ours, rest = parse_options(parts.query, url)
    ours.update(options)
    if whole_url:
        target = urlunsplit(parts._replace(query=urlencode(rest)))
    else:
        # Backend-specific query options (e.g. sqlite's synchronous) are passed on as strings;
        # the signature check below rejects any the backend does not take.
        ours = {**dict(rest), **ours}
        target = location(url, scheme, parts.netloc, parts.path)
    try:
        backend = getattr(importlib.import_module(module_name), class_name)
    except ImportError as exc:  # e.g. fcntl (JSON store) on Windows, or redis-py not installed
        raise StoreUnavailable(
            f"the {scheme} backend cannot load here ({exc}); use another store URL or install what it needs"
        ) from exc
    accepted = list(inspect.signature(backend).parameters)[1:]  # [0] is the path / URL itself
    unknown = sorted(set(ours) - set(accepted))
    if unknown:
        raise InvalidData(
            f"option(s) {', '.join(unknown)} do not apply to {scheme} stores ({redact(url)}); "
            f"accepted: {', '.join(accepted)}"
        )
    return backend(target, **ours)  # type: ignore[no-any-return]
