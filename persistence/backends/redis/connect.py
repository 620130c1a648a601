"""Redis clients from URLs (`redis://`, `rediss://`, `unix://` as redis-py reads them, and
`redis+cluster://h:p,h:p/`), synchronous or `redis.asyncio`, and the part of a store that holds one."""

from __future__ import annotations

import importlib
import inspect
from collections.abc import Callable
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


def describe(client: Any) -> str:
    """A password-free description of an injected client, for error messages."""
    if hasattr(client, "get_nodes"):  # a RedisCluster
        return "redis+cluster://" + ",".join(node.name for node in client.get_nodes()) + "/ (injected client)"
    kwargs = getattr(getattr(client, "connection_pool", None), "connection_kwargs", {})
    return (
        f"redis://{kwargs.get('host', '?')}:{kwargs.get('port', '?')}/{kwargs.get('db', 0)} (injected client)"
    )


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

        An injected `redis.asyncio` client is not pinged here: the store then only plans (see `_run`).
        """
        self.owns_client = isinstance(url_or_client, str)
        self.planning = inspect.iscoroutinefunction(getattr(url_or_client, "ping", None))
        if isinstance(url_or_client, str):
            self.where = redact(url_or_client)
            self.client = open_client(url_or_client, TIMEOUTS)
        else:
            self.where = describe(url_or_client)
            self.client = url_or_client
        if not self.planning:
            with boundary(self.where):
                self.client.ping()

    def _run(self, flow: Flow[T], subject: str) -> T:
        """Run `flow` on the client, its errors translated for `subject` (see wire.boundary).

        On a `redis.asyncio` client the flow cannot run here: it is raised as `Planned`, to be awaited
        by whoever called (persistence.aio) — everything before it, validation included, has run.
        """
        if self.planning:
            raise Planned(flow, subject)
        with boundary(self.where, subject):
            return drive(self.client, flow)
