"""Redis clients from URLs: `redis://`, `rediss://`, `unix://` (redis-py's forms) and `redis+cluster://h:p,h:p/`."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from persistence.backends.redis.boundary import boundary
from persistence.errors import InvalidData
from persistence.urls import CLUSTER_SCHEMES, cluster_nodes, redact


def open_client(url: str, timeouts: dict[str, Any]) -> Any:
    """A redis-py client for `url` with no automatic retries: re-sending an append after a lost reply could store it twice."""
    import redis
    from redis.backoff import NoBackoff
    from redis.retry import Retry

    if urlsplit(url).scheme.lower() in CLUSTER_SCHEMES:
        return cluster_client(url, timeouts)
    try:
        return redis.Redis.from_url(url, retry=Retry(NoBackoff(), 0), **timeouts)
    except ValueError:
        # redis-py's message (and so the cause) may quote part of the password: neither is kept.
        raise InvalidData(
            f"bad Redis URL {redact(url)}: redis-py cannot parse it (URL-encode a '/', '?', '#' or '@' "
            "in a user name or password: %2F %3F %23 %40); see redis-py's URL forms"
        ) from None


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
