"""Redis clients from URLs (`redis://`, `rediss://`, `unix://` as redis-py reads them, and
`redis+cluster://h:p,h:p/`), synchronous or `redis.asyncio`, and the part of a store that holds one."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from types import ModuleType
from typing import Any, TypeVar
from urllib.parse import urlsplit

from persistence.backends.redis.wire import Flow, Planned, boundary, drive
from persistence.errors import InvalidData
from persistence.urls import CLUSTER_SCHEMES, cluster_nodes, redact

T = TypeVar("T")
TIMEOUTS = {"socket_timeout": 5.0, "socket_connect_timeout": 5.0, "health_check_interval": 10}


def open_client(url: str, timeouts: dict[str, Any], *, api: str = "redis") -> Any:
    """A redis-py client for `url` with no automatic retries: re-sending an append after a lost reply
    could store it twice. `api` "redis.asyncio" gives the asyncio client of the same URL and options."""
    driver = importlib.import_module(api)
    retry = importlib.import_module(f"{api}.retry").Retry(
        importlib.import_module("redis.backoff").NoBackoff(), 0
    )
    if urlsplit(url).scheme.lower() in CLUSTER_SCHEMES:
        return cluster_client(url, {**timeouts, "retry": retry}, importlib.import_module(f"{api}.cluster"))
    try:
        return driver.Redis.from_url(url, retry=retry, **timeouts)
    except ValueError:
        # redis-py's message (and so the cause) may quote part of the password: neither is kept.
        raise InvalidData(
            f"bad Redis URL {redact(url)}: redis-py cannot parse it (URL-encode a '/', '?', '#' or '@' "
            "in a user name or password: %2F %3F %23 %40); see redis-py's URL forms"
        ) from None


def cluster_client(url: str, options: dict[str, Any], cluster: ModuleType) -> Any:
    """A `RedisCluster` of `cluster` (redis.cluster or redis.asyncio.cluster) bootstrapped from every node the URL lists."""
    nodes, username, password = cluster_nodes(url)
    with boundary(redact(url)):
        return cluster.RedisCluster(
            startup_nodes=[cluster.ClusterNode(host, port) for host, port in nodes],
            username=username,
            password=password,
            ssl=url.lower().startswith("rediss"),
            **options,
        )


def is_asyncio(client: Any) -> bool:
    """Whether `client` is a redis.asyncio client (a Redis or RedisCluster of that package)."""
    import redis.asyncio

    return isinstance(client, (redis.asyncio.Redis, redis.asyncio.RedisCluster))


def describe(client: Any) -> str:
    """A password-free description of an injected client, for error messages."""
    if hasattr(client, "get_nodes"):  # a RedisCluster; an asyncio one knows only its startup nodes until used
        nodes = client.get_nodes() or client.nodes_manager.startup_nodes.values()
        return "redis+cluster://" + ",".join(node.name for node in nodes) + "/ (injected client)"
    kwargs = getattr(getattr(client, "connection_pool", None), "connection_kwargs", {})
    return (
        f"redis://{kwargs.get('host', '?')}:{kwargs.get('port', '?')}/{kwargs.get('db', 0)} (injected client)"
    )


@dataclass(frozen=True)
class Asyncio:
    """A URL or injected client for redis.asyncio: how persistence.aio opens a RedisStore."""

    url_or_client: Any


class Driven:
    """What every part of a Redis store shares: its client, where it is, and how a flow runs on it."""

    client: Any
    where: str
    owns_client: bool
    planning: bool
    prefix: str
    clock: Callable[[], float]

    def _connect(self, url_or_client: Any) -> None:
        """Open a client from a URL (owned: closed by close()), or take an injected one; then PING.

        Wrapped in `Asyncio`: a `redis.asyncio` client, which this store neither pings nor runs anything
        on: it only plans (see `_run`) for persistence.aio, which awaits the round trips and closes it.
        """
        self.planning = asynchronous = isinstance(url_or_client, Asyncio)
        if isinstance(url_or_client, Asyncio):
            url_or_client = url_or_client.url_or_client
        self.owns_client = isinstance(url_or_client, str)
        if isinstance(url_or_client, str):
            self.where = redact(url_or_client)
            self.client = open_client(
                url_or_client, TIMEOUTS, api="redis.asyncio" if asynchronous else "redis"
            )
            return self._ping()
        self.where = describe(url_or_client)
        self.client = url_or_client
        if is_asyncio(url_or_client) != asynchronous:
            wanted = "a redis.asyncio client" if asynchronous else "a synchronous redis-py client"
            elsewhere = "persistence.open_store" if asynchronous else "persistence.aio.open_store"
            raise InvalidData(
                f"client= for {self.where} must be {wanted} here; give that, or use {elsewhere} for this client"
            )
        return self._ping()

    def _ping(self) -> None:
        """PING a synchronous client now (an asyncio one is pinged by persistence.aio when it opens)."""
        if not self.planning:
            with boundary(self.where):
                self.client.ping()

    def _run(self, flow: Flow[T], subject: str) -> T:
        """Run `flow` on the client, its errors translated for `subject` (see wire.boundary). Always a
        method's last step, its result returned as it is: a planning store's methods end here.

        On a `redis.asyncio` client the flow cannot run here: it is raised as `Planned`, to be awaited
        by whoever called (persistence.aio) — everything before it, validation included, has run.
        """
        if self.planning:
            raise Planned(flow, subject)
        with boundary(self.where, subject):
            return drive(self.client, flow)
