"""Store URLs every layer shares: redaction, the Redis key prefix, the cluster and hybrid URL forms.

The hybrid store's URL: `hybrid:///?store=<durable store URL>&cache=<Redis URL>[&cache_messages=N][&cache_bytes=B]`.

Nested URLs may be written plain or URL-encoded. Written plain, a nested URL's own query may go
on past `&`: a key the hybrid does not know is given back to the nested URL before it; a '+', '%'
or '&' inside a nested URL's user name or password needs the encoded form. The keys
the hybrid knows (store, cache, cache_messages, cache_timeout, and ttl, prefix, max_message_bytes,
which open_store takes first) always belong to the hybrid; URL-encode a nested URL that needs one.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from urllib.parse import parse_qsl, unquote, urlencode, urlsplit

from persistence.errors import InvalidData

# Every scheme open_store knows (persistence.config maps each to its backend).
STORE_SCHEMES = ("json", "sqlite", "redis", "rediss", "unix", "redis+cluster", "rediss+cluster", "hybrid")
CLUSTER_SCHEMES = ("redis+cluster", "rediss+cluster")
CLUSTER_FORM = "redis+cluster://[[user]:password@]host:port[,host:port...]/"
# No braces (they would change the cluster hash tag), no spaces or control characters.
PREFIX_PATTERN = re.compile(r"[A-Za-z0-9_.:-]{1,64}")

FORM = "hybrid:///?store=sqlite:////var/lib/chat.db&cache=redis://host:6379/0[&cache_messages=100]"
KNOWN = ("store", "cache", "cache_messages", "cache_bytes", "cache_timeout")
OPEN_OPTIONS = ("ttl", "prefix", "max_message_bytes")
CACHE_SCHEMES = ("redis", "rediss", "unix", "redis+cluster", "rediss+cluster")
SPACED_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9.-]*) ([A-Za-z0-9.-]+)(?=://)")
MAX_CACHE_MESSAGES = 1000  # one Lua call fills the whole tail; keep it well under Lua's stack limit
CACHE_BYTES = 4 * 1024 * 1024  # default bound of one session's cached tail, and so of one refill


@dataclass(frozen=True)
class HybridConfig:
    """What a hybrid URL names: the durable store, the Redis cache, and how the cache is sized."""

    store: str
    cache: str
    cache_messages: int = 100
    cache_timeout: float = 0.5
    cache_bytes: int = CACHE_BYTES


# A URL's userinfo: after `//` (not `///`), up to the last `@` before its host (a raw `@` or `/` may be
# in a password), never into a URL nested after it; and a query's password= or username=, plain or nested.
USERINFO = re.compile(r"(?<!/)//(?!/)((?:(?!//)[^\s?#])*)@(?=[^@/?#&\s]*(?:[/?#&]|$))")
QUERY_PASSWORD = re.compile(r"([?&](?:password|username)=)[^&#\s]*", re.IGNORECASE)


def hide(url: str) -> str:
    """`url` with every user name and password (userinfo, `password=` and `username=`) replaced by `***`.

    User names too, as redis-py's own reprs do: an ACL user name is half of a credential.
    """

    def userinfo(match: re.Match[str]) -> str:
        user, colon, _ = match.group(1).partition(":")
        return f"//{'***' if user else ''}{':***' if colon else ''}@"

    return QUERY_PASSWORD.sub(r"\1***", USERINFO.sub(userinfo, url))


def redact(url: str) -> str:
    """Return `url` with every password and user name replaced by `***`, safe for messages, logs and files.

    Userinfo (`redis://USER:PASSWORD@host`, `unix://:PASSWORD@/path`; a password may hold a raw `@` or
    `/`) and the query (`?password=PASSWORD&username=USER`), redis-py's forms. Twice: as written, then URL-decoded,
    for the passwords of URL-encoded URLs nested in a hybrid URL.
    """
    return hide(unquote(hide(url)))


def check_prefix(prefix: object) -> str:
    """Return `prefix` if it is usable in Redis key names, else raise InvalidData saying what is allowed."""
    if not isinstance(prefix, str) or not PREFIX_PATTERN.fullmatch(prefix):
        raise InvalidData(
            f"invalid Redis key prefix {prefix!r}: use 1-64 characters from A-Z a-z 0-9 _ . : -"
        )
    return prefix


def node(address: str) -> tuple[str, int] | None:
    """`host:port` (IPv6 hosts in brackets) as (host, port), or None if it is not one."""
    host, _, port = address.rpartition(":")
    if not host or not port.isdigit() or not 0 < int(port) < 65536:
        return None
    return host.strip("[]"), int(port)


def cluster_nodes(url: str) -> tuple[list[tuple[str, int]], str | None, str | None]:
    """Parse a cluster URL into (startup nodes, username, password); InvalidData shows the expected form."""
    parts = urlsplit(url)
    credentials, _, hosts = parts.netloc.rpartition("@")
    username, _, password = credentials.partition(":")
    nodes = [node(address) for address in hosts.split(",")]
    problem = ""
    if parts.path not in ("", "/", "/0"):
        problem = "a cluster has only database 0"
    elif parts.query:
        problem = (
            f"query option(s) {parts.query!r} do not apply to clusters (only ttl, prefix, max_message_bytes)"
        )
    elif None in nodes:
        problem = f"{hosts!r} is not a comma-separated list of host:port"
    if problem:
        raise InvalidData(f"bad Redis Cluster URL {redact(url)}: {problem}; write {CLUSTER_FORM}")
    return [n for n in nodes if n is not None], unquote(username) or None, unquote(password) or None


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
    if store_scheme not in STORE_SCHEMES or store_scheme == "hybrid":
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
    space = number(url, values, "cache_bytes", (0, 2**30))
    for key, value in (("cache_messages", size), ("cache_bytes", space)):
        if value is not None and value != int(value):
            raise InvalidData(f"hybrid URL {redact(url)}: {key} must be a whole number, got {value:g}")
    timeout = number(url, values, "cache_timeout", (0.001, 60))
    return HybridConfig(
        store=values["store"],
        cache=values["cache"],
        cache_messages=100 if size is None else int(size),
        cache_timeout=0.5 if timeout is None else timeout,
        cache_bytes=CACHE_BYTES if space is None else int(space),
    )


def store_identity(url: str) -> str:
    """What tells two URLs of one store apart from URLs of two: resolved paths, normalised Redis addresses.

    `sqlite:///c.db` and `sqlite:///./c.db` (or a symlink to it) are one store; so are a hybrid URL and
    its durable store. Redis: scheme family, host, port, db (path or ?db=) and key prefix.
    """
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    query = dict(parse_qsl(parts.query, keep_blank_values=True))
    if scheme == "hybrid":  # open_store takes ttl, prefix and max_message_bytes before parse_hybrid_url
        own = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k not in OPEN_OPTIONS]
        try:
            return store_identity(parse_hybrid_url(f"hybrid:///?{urlencode(own)}").store)
        except InvalidData:
            return url
    if scheme in ("json", "sqlite"):  # the path as open_store reads it (json:///rel, json:////abs), resolved
        return f"{scheme}:{os.path.realpath(parts.path[1:])}"
    prefix = query.get("prefix", "chat")
    if scheme == "unix":
        return f"unix:{os.path.realpath(parts.path)}/{query.get('db', '0')}/{prefix}"
    hosts = parts.netloc.rpartition("@")[2].lower().split(",")  # a cluster lists several
    address = ",".join(sorted(re.sub(r"^([^:]*|\[.*\])$", r"\1:6379", host) for host in hosts))
    db = parts.path.strip("/") or query.get("db", "0")
    return f"{scheme.replace('rediss', 'redis')}:{address}/{db}/{prefix}"
