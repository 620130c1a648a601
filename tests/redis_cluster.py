"""A real, throw-away Redis Cluster for tests: 3 masters on free loopback ports, joined with CLUSTER commands.

The nodes are joined the way `redis-cli --cluster create` does it (slots, distinct config epochs,
MEET), without its one-second sleeps, then polled until every node reports the cluster ready.
"""

from __future__ import annotations

import time

import pytest
import redis

from tests.redis_server import RedisServer

MASTERS = 3
SLOTS = 16384
READY_TIMEOUT = 30.0
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
        self.nodes: list[RedisServer] = []

    @property
    def url(self) -> str:
        """redis+cluster://127.0.0.1:P1,127.0.0.1:P2,.../ for this cluster."""
        return "redis+cluster://" + ",".join(f"{node.host}:{node.port}" for node in self.nodes) + "/"

    def start(self) -> LocalCluster:
        """Start the nodes, give each a third of the slots, introduce them, and wait for cluster_state:ok."""
        try:
            self.nodes = [
                RedisServer(extra_args=NODE_ARGS, cluster_node=True).start() for _ in range(MASTERS)
            ]
            self.join()
            self.wait_ok()
        except BaseException:
            self.stop()
            raise
        return self

    def join(self) -> None:
        """Assign slots 0..16383 in MASTERS ranges, set distinct config epochs, and MEET every node."""
        first = self.nodes[0]
        for number, node in enumerate(self.nodes):
            low, high = SLOTS * number // MASTERS, SLOTS * (number + 1) // MASTERS - 1
            with node.client() as client:
                client.execute_command("CLUSTER", "ADDSLOTSRANGE", low, high)
                client.execute_command("CLUSTER", "SET-CONFIG-EPOCH", number + 1)
        with first.client() as client:
            for node in self.nodes[1:]:
                client.execute_command("CLUSTER", "MEET", node.host, node.port)

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
            time.sleep(0.01)

    def client(self) -> redis.RedisCluster:
        """A new cluster client, for checks a test makes behind the store's back."""
        nodes = [redis.cluster.ClusterNode(node.host, node.port) for node in self.nodes]
        return redis.RedisCluster(startup_nodes=nodes, socket_timeout=5)

    def stop(self) -> None:
        """Stop every node and remove their temp dirs."""
        for node in self.nodes:
            node.stop()
        self.nodes = []
