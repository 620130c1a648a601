"""A real, throw-away Redis Cluster for tests: 3 masters on free loopback ports, joined by `redis-cli --cluster create`."""

from __future__ import annotations

import subprocess
import time

import pytest
import redis

from tests.redis_server import RedisServer, require_binary

MASTERS = 3
READY_TIMEOUT = 30.0
CLI_HINT = (
    "redis-cli is not on PATH; install it with redis-server (Debian/Ubuntu: `apt-get install redis-server`, "
    "macOS: `brew install redis`) to run the Redis Cluster tests"
)
# Short node timeout: a test cluster on loopback never needs failure detection to wait long.
NODE_ARGS = (
    "--cluster-enabled",
    "yes",
    "--cluster-config-file",
    "nodes.conf",
    "--cluster-node-timeout",
    "3000",
)


class LocalCluster:
    """`MASTERS` cluster-enabled redis-server processes, each in its own temp dir; `.url` names them all."""

    def __init__(self) -> None:
        self.cli = require_binary("redis-cli", CLI_HINT)
        self.nodes: list[RedisServer] = []

    @property
    def url(self) -> str:
        """redis+cluster://127.0.0.1:P1,127.0.0.1:P2,.../ for this cluster."""
        return "redis+cluster://" + ",".join(f"{node.host}:{node.port}" for node in self.nodes) + "/"

    def start(self) -> LocalCluster:
        """Start the nodes, assign the slots with redis-cli, and wait until every node reports cluster_state:ok."""
        try:
            self.nodes = [RedisServer(extra_args=NODE_ARGS).start() for _ in range(MASTERS)]
            addresses = [f"{node.host}:{node.port}" for node in self.nodes]
            command = [
                self.cli,
                "--cluster",
                "create",
                *addresses,
                "--cluster-replicas",
                "0",
                "--cluster-yes",
            ]
            done = subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)
            if done.returncode != 0:
                pytest.fail(
                    f"redis-cli --cluster create failed ({done.returncode}):\n{done.stdout}\n{done.stderr}"
                )
            self.wait_ok()
        except BaseException:
            self.stop()
            raise
        return self

    def wait_ok(self) -> None:
        """Poll CLUSTER INFO on every node until all say cluster_state:ok and know every master."""
        deadline = time.monotonic() + READY_TIMEOUT
        pending = list(self.nodes)
        while pending:
            node = pending[0]
            with node.client() as client:
                info = client.execute_command("CLUSTER INFO")  # redis-py parses it into a dict of str
            if info.get("cluster_state") == "ok" and info.get("cluster_known_nodes") == str(MASTERS):
                pending.pop(0)
                continue
            if time.monotonic() > deadline:
                pytest.fail(f"Redis Cluster node {node.port} not ready after {READY_TIMEOUT}s: {info}")
            time.sleep(0.05)

    def client(self) -> redis.RedisCluster:
        """A new cluster client, for checks a test makes behind the store's back."""
        nodes = [redis.cluster.ClusterNode(node.host, node.port) for node in self.nodes]
        return redis.RedisCluster(startup_nodes=nodes, socket_timeout=5)

    def stop(self) -> None:
        """Stop every node and remove their temp dirs."""
        for node in self.nodes:
            node.stop()
        self.nodes = []
