"""Fixtures of the persistence contract suite: one fresh store per test, for every backend, on a fake clock."""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from persistence import open_store
from persistence.backends.redis.connect import TIMEOUTS, open_client
from persistence.base import StoreBase
from tests.persistence.aio_facade import (  # noqa: F401 -- registers the facade's fixtures
    AIO_MODULES,
    AwaitingFacade,
    facade_loop_fixture,
    flavour_fixture,
    shared_async_cluster_client_fixture,
)
from tests.persistence.stores import BACKENDS, FakeClock, backend_url
from tests.redis_cluster import LocalCluster

MEMORY_FS = Path("/dev/shm")
ON_DISK = "PERSISTENCE_TESTS_ON_DISK"  # set it (to anything) to run these tests in pytest's usual tmp dirs


@pytest.fixture(scope="session")
def memory_root() -> Iterator[Path | None]:
    """A directory of this test process on the machine's memory filesystem, or None to stay on disk.

    The stores fsync every write, and on a shared VM disk the waits were half of these tests' time.
    On tmpfs every fsync still runs (the code paths are the same) but returns at once; what a test
    checks never depends on the disk: power loss is not something a test can cause.
    """
    if os.environ.get(ON_DISK) or not (MEMORY_FS.is_dir() and os.access(MEMORY_FS, os.W_OK)):
        yield None
        return
    root = Path(tempfile.mkdtemp(prefix="pytest-persistence-", dir=MEMORY_FS))
    try:
        yield root
    finally:
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def tmp_path(
    memory_root: Path | None, tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest
) -> Path:
    """pytest's tmp_path, made on the memory filesystem when there is one (see memory_root)."""
    name = re.sub(r"[^\w.-]", "_", request.node.name)[:40]
    if memory_root is None:
        return tmp_path_factory.mktemp(name, numbered=True)
    return Path(tempfile.mkdtemp(prefix=f"{name}-", dir=memory_root))


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """The tests of AIO_MODULES without parameters of their own (those vary values, not methods) run on
    the synchronous and the async (persistence.aio) stores."""
    module = metafunc.module.__name__.rpartition(".")[2]
    own_parameters = any(mark.name == "parametrize" for mark in metafunc.definition.iter_markers())
    if "store" in metafunc.fixturenames and module in AIO_MODULES and not own_parameters:
        metafunc.parametrize("flavour", ["sync", "aio"])


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    """The name of the backend under test; every contract test runs once per backend."""
    return str(request.param)


@pytest.fixture
def url_with(backend: str, request: pytest.FixtureRequest, tmp_path: Path) -> Callable[..., str]:
    """`url_with(ttl=60, ...)` -> this test's store URL with those query options added."""
    base = backend_url(backend, request, tmp_path)

    def build(**options: object) -> str:
        query = "&".join(f"{key}={value}" for key, value in options.items())
        if not query:
            return base
        return f"{base}{'&' if '?' in base else '?'}{query}"

    return build


@pytest.fixture
def clock() -> FakeClock:
    """The fake clock every store of the test uses."""
    return FakeClock()


@pytest.fixture(scope="session")
def shared_cluster_client(redis_cluster: LocalCluster) -> Iterator[Any]:
    """One RedisCluster client for the contract suite's cluster stores, opened as the Redis backend opens them."""
    client = open_client(redis_cluster.url, TIMEOUTS)
    try:
        yield client
    finally:
        client.close()


@pytest.fixture
def store_options(clock: FakeClock, request: pytest.FixtureRequest) -> Callable[[str], dict[str, Any]]:
    """`store_options(url)` -> the keyword options the suite opens `url` with: its fake clock, and
    for the contract suite's cluster stores the session's one cluster client (`open_store(url, client=)`):
    a new RedisCluster client costs ~30 ms (redis-py reads the COMMAND table) and the suite opens
    hundreds of stores. Cluster URLs are opened for real by the tests in backends/redis, by the
    child processes of contract/test_processes and by the transfer and cli tests.
    """
    params = getattr(getattr(request.node, "callspec", None), "params", {})
    shared = None
    if params.get("backend") == "cluster" and request.node.get_closest_marker("anyio") is None:
        # The async stores of the facade share a redis.asyncio client on the facades' one loop; the
        # anyio tests (a loop per test) open their own.
        aio = params.get("flavour") == "aio"
        shared = "shared_async_cluster_client" if aio else "shared_cluster_client"

    def options(url: str) -> dict[str, Any]:
        chosen: dict[str, Any] = {"clock": clock}
        if shared and url.startswith(request.getfixturevalue("redis_cluster").url):
            chosen["client"] = request.getfixturevalue(shared)
        return chosen

    return options


@pytest.fixture
def open_url(store_options: Callable[[str], dict[str, Any]]) -> Iterator[Callable[[str], StoreBase]]:
    """`open_url(url)` -> a store on the fake clock, closed when the test ends."""
    opened: list[StoreBase] = []

    def opener(url: str) -> StoreBase:
        store = open_store(url, **store_options(url))
        assert isinstance(store, StoreBase), "every backend is a StoreBase (restore_session, storage_figures)"
        opened.append(store)
        return store

    yield opener
    for store in opened:
        store.close()


@pytest.fixture
def store(
    open_url: Callable[[str], StoreBase],
    url_with: Callable[..., str],
    flavour: str,
    store_options: Callable[[str], dict[str, Any]],
    request: pytest.FixtureRequest,
) -> Iterator[Any]:
    """A fresh, empty store of the backend under test (driven through persistence.aio when flavour is aio)."""
    if flavour != "aio":
        yield open_url(url_with())
        return
    url = url_with()
    facade = AwaitingFacade(url, store_options(url), request.getfixturevalue("facade_loop"))
    try:
        yield facade
    finally:
        facade.close()
