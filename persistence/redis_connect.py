"""Redis clients from URLs: `redis://`, `rediss://`, `unix://` (redis-py's forms) and `redis+cluster://h:p,h:p/`."""

from __future__ import annotations

from typing import Any
from urllib.parse import unquote, urlsplit

from persistence.config import redact
from persistence.errors import InvalidData
from persistence.redis_errors import boundary

CLUSTER_SCHEMES = ("redis+cluster", "rediss+cluster")
CLUSTER_FORM = "redis+cluster://[[user]:password@]host:port[,host:port...]/"


def open_client(url: str, timeouts: dict[str, Any]) -> Any:
    """A redis-py client for `url` with no automatic retries: re-sending an append after a lost reply could store it twice."""
    import redis
    from redis.backoff import NoBackoff
    from redis.retry import Retry

    if urlsplit(url).scheme.lower() in CLUSTER_SCHEMES:
        return cluster_client(url, timeouts)
    try:
        return redis.Redis.from_url(url, retry=Retry(NoBackoff(), 0), **timeouts)
    except ValueError as exc:
        raise InvalidData(f"bad Redis URL {redact(url)}: {exc}; see redis-py's URL forms") from exc


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


def cluster_client(url: str, timeouts: dict[str, Any]) -> Any:
    """A `redis.cluster.RedisCluster` bootstrapped from every node the URL lists."""
    from redis.backoff import NoBackoff
    from redis.cluster import ClusterNode, RedisCluster
    from redis.retry import Retry

    nodes, username, password = cluster_nodes(url)
    with boundary(redact(url)):
        return RedisCluster(
            # redis-py leaves ClusterNode.__init__ unannotated.
            startup_nodes=[ClusterNode(host, port) for host, port in nodes],  # type: ignore[no-untyped-call]
            username=username,
            password=password,
            ssl=url.lower().startswith("rediss"),
            retry=Retry(NoBackoff(), 0),
            **timeouts,
        )


def describe(client: Any) -> str:
    """A password-free description of an injected client, for error messages."""
    if hasattr(client, "get_nodes"):  # a RedisCluster
        return "redis+cluster://" + ",".join(node.name for node in client.get_nodes()) + "/ (injected client)"
    kwargs = getattr(getattr(client, "connection_pool", None), "connection_kwargs", {})
    return (
        f"redis://{kwargs.get('host', '?')}:{kwargs.get('port', '?')}/{kwargs.get('db', 0)} (injected client)"
    )
