"""Project-wide fixtures: real redis-server processes shared by the whole test session."""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor

import pytest

from tests.redis_cluster import LocalCluster
from tests.redis_server import RedisServer
from tests.v2gate.cli.engine_venvs import EngineVenvs, engine_venvs, shared_root

# The suite starts hundreds of Python subprocesses (the gate, `python -m persistence`, the docs'
# commands, pytest-xdist's workers). With PYTHONDONTWRITEBYTECODE set in the environment each of
# them compiles every module it imports again; letting them keep bytecode in __pycache__ (ignored
# by git) halves collection and saves about a fifth of the suite's CPU time.
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
sys.dont_write_bytecode = False

AUTH_PASSWORD = "s3cret-Pa55word"
CLUSTER_START = pytest.StashKey[Future[LocalCluster]]()
ENGINE_VENVS = pytest.StashKey[Future[EngineVenvs]]()


def wants_cluster(item: pytest.Item) -> bool:
    """True for a test that will use the Redis Cluster: the fixture itself, or a cluster backend parameter."""
    params = getattr(getattr(item, "callspec", None), "params", {})
    named = any("cluster" in str(value) for value in params.values())
    return named or "redis_cluster" in getattr(item, "fixturenames", ())


def pytest_collection_finish(session: pytest.Session) -> None:
    """Start the cluster in the background as soon as the selected tests show one of them needs it.

    A fresh cluster master refuses writes for its first 2 s (Redis's CLUSTER_WRITABLE_DELAY); started
    here, that wait overlaps the tests that run before the first cluster test.
    """
    if not session.config.option.collectonly and any(wants_cluster(item) for item in session.items):
        pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="redis-cluster")
        session.config.stash[CLUSTER_START] = pool.submit(lambda: LocalCluster().start())
        pool.shutdown(wait=False)


@pytest.fixture(scope="session", autouse=True)
def early_builds(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> None:
    """With the session's first test, start building the broken-engine venvs in the background when a
    selected test needs them: their ~6 s of pip then overlap other tests instead of holding up a worker
    (the `broken_engines` fixture waits for them; pytest-xdist workers share one build). Measured: the
    suite 3.6 s faster on 2 cores. The pre-commit hook's virtualenv built the same way made it slower
    (the two builds then contend with the tests for the CPUs), so that one is built by its first test."""
    if any("broken_engines" in getattr(item, "fixturenames", ()) for item in request.session.items):
        pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="engine-venvs")
        request.config.stash[ENGINE_VENVS] = pool.submit(
            engine_venvs, shared_root(tmp_path_factory.getbasetemp())
        )
        pool.shutdown(wait=False)


def pytest_sessionfinish(session: pytest.Session) -> None:
    """Stop a cluster started in the background, also when no test ended up using it."""
    started = session.config.stash.get(CLUSTER_START, None)
    if started is not None and started.exception() is None:
        started.result().stop()


@pytest.fixture(scope="session")
def redis_server() -> Iterator[RedisServer]:
    """A real redis-server on a free loopback port (`.url`, `.host`, `.port`), stopped after the session.

    Missing redis-server: the test fails when env CI is set, and is skipped (with how to install it) otherwise.
    """
    server = RedisServer().start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def redis_server_auth() -> Iterator[RedisServer]:
    """A second real redis-server started with `--requirepass`; `.url` carries the password, `.password` holds it."""
    server = RedisServer(password=AUTH_PASSWORD).start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def own_redis() -> Iterator[RedisServer]:
    """A redis-server of this test only, which the test may stop, pause and restart."""
    server = RedisServer().start()
    try:
        yield server
    finally:
        if server.process is not None:
            os.kill(server.process.pid, signal.SIGCONT)  # a paused server would not stop
        server.stop()


@pytest.fixture()
def fresh_redis(redis_server: RedisServer) -> RedisServer:
    """The shared redis_server with every key deleted first (FLUSHALL), for tests that count keys."""
    with redis_server.client() as client:
        client.flushall()
    return redis_server


@pytest.fixture(scope="session")
def redis_cluster(pytestconfig: pytest.Config) -> Iterator[LocalCluster]:
    """A real 3-master Redis Cluster on free loopback ports (`.url` is redis+cluster://...), stopped after the session.

    Started in the background after collection (see pytest_collection_modifyitems) when possible.
    Missing redis-server: the test fails when env CI is set, and is skipped otherwise.
    """
    started = pytestconfig.stash.get(CLUSTER_START, None)
    cluster = LocalCluster().start() if started is None else started.result()
    try:
        yield cluster
    finally:
        cluster.stop()
