"""The hybrid store's URL: `hybrid:///?store=<durable store URL>&cache=<Redis URL>[&cache_messages=N]`.

Nested URLs may be written plain or URL-encoded. Written plain, a nested URL's own query may go
on past `&`: a key the hybrid does not know is given back to the nested URL before it; a '+', '%'
or '&' inside a nested URL's user name or password needs the encoded form. The keys
the hybrid knows (store, cache, cache_messages, cache_timeout, and ttl, prefix, max_message_bytes,
which open_store takes first) always belong to the hybrid; URL-encode a nested URL that needs one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode, urlsplit

from persistence.config import BACKENDS, redact
from persistence.errors import InvalidData

FORM = "hybrid:///?store=sqlite:////var/lib/chat.db&cache=redis://host:6379/0[&cache_messages=100]"
KNOWN = ("store", "cache", "cache_messages", "cache_timeout")
CACHE_SCHEMES = ("redis", "rediss", "unix", "redis+cluster", "rediss+cluster")
SPACED_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9.-]*) ([A-Za-z0-9.-]+)(?=://)")
MAX_CACHE_MESSAGES = 1000  # one Lua call fills the whole tail; keep it well under Lua's stack limit


@dataclass(frozen=True)
class HybridConfig:
    """What a hybrid URL names: the durable store, the Redis cache, and how the cache is sized."""

    store: str
    cache: str
    cache_messages: int = 100
    cache_timeout: float = 0.5


def query_values(url: str, query: str) -> dict[str, str]:
    """The hybrid's keys from `query`; other keys are re-attached to the plain nested URL before them."""
    values: dict[str, str] = {}
    last: str | None = None
    for key, value in parse_qsl(query, keep_blank_values=True):
        if key in KNOWN and key not in values:
            # A plain `redis+cluster://` reaches us as `redis cluster://` (a query's '+' means space);
            # a URL scheme never holds a space, so put the '+' back.
            values[key] = SPACED_SCHEME.sub(r"\1+\2", value)
            last = key if key in ("store", "cache") else None
        elif key in KNOWN:
            raise InvalidData(f"hybrid URL {redact(url)} gives {key}= twice; give it once: {FORM}")
        elif last is not None and "?" in values[last]:
            values[last] += "&" + urlencode({key: value})
        else:
            raise InvalidData(
                f"hybrid URL {redact(url)}: unknown option {key!r}; the options are {', '.join(KNOWN)} "
                "(URL-encode a nested URL whose own query has it)"
            )
    return values


def number(url: str, values: dict[str, str], key: str, bounds: tuple[float, float]) -> float | None:
    """The numeric option `key` if given, checked to lie in `bounds` (inclusive), else None."""
    if key not in values:
        return None
    try:
        value = float(values[key])
    except ValueError:
        value = -1.0
    if not bounds[0] <= value <= bounds[1]:
        raise InvalidData(
            f"hybrid URL {redact(url)}: {key}={values[key]!r} must be a number from {bounds[0]:g} to {bounds[1]:g}"
        )
    return value


def check_nested(url: str, values: dict[str, str]) -> None:
    """Both nested URLs are present and of a usable kind, else InvalidData showing the form."""
    if "store" not in values or "cache" not in values:
        raise InvalidData(f"hybrid URL {redact(url)} needs a durable store= and a Redis cache=; write {FORM}")
    store_scheme = urlsplit(values["store"]).scheme.lower()
    if store_scheme not in BACKENDS or store_scheme == "hybrid":
        raise InvalidData(
            f"hybrid URL {redact(url)}: store= must be a json, sqlite or redis store URL; write {FORM}"
        )
    if urlsplit(values["cache"]).scheme.lower() not in CACHE_SCHEMES:
        raise InvalidData(
            f"hybrid URL {redact(url)}: cache= must be a {', '.join(CACHE_SCHEMES)} URL; write {FORM}"
        )


def parse_hybrid_url(url: str) -> HybridConfig:
    """Parse and check a hybrid URL (as open_store passes it on: ttl, prefix, max_message_bytes already taken)."""
    parts = urlsplit(url)
    if parts.netloc or parts.path not in ("", "/"):
        raise InvalidData(f"hybrid URL {redact(url)} has a host or path; write {FORM}")
    values = query_values(url, parts.query)
    check_nested(url, values)
    size = number(url, values, "cache_messages", (1, MAX_CACHE_MESSAGES))
    if size is not None and size != int(size):
        raise InvalidData(f"hybrid URL {redact(url)}: cache_messages must be a whole number, got {size:g}")
    timeout = number(url, values, "cache_timeout", (0.001, 60))
    return HybridConfig(
        store=values["store"],
        cache=values["cache"],
        cache_messages=100 if size is None else int(size),
        cache_timeout=0.5 if timeout is None else timeout,
    )
