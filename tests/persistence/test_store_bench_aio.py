"""The concurrency benchmark (--concurrency, benchmarks/store_bench_aio.py) runs, tiny, on the embedded stores
and on a Redis Cluster; its run URLs keep the runs apart; cluster is refused outside --concurrency."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest

from benchmarks import store_speed
from benchmarks.store_bench_aio import APPENDERS, concurrency_table
from benchmarks.store_bench_backends import CONCURRENCY_BACKENDS, DEFAULT_BACKENDS, Place, concurrency_url
from persistence.config import open_backend
from tests.redis_cluster import LocalCluster


def backends_in(table: str) -> list[str]:
    """The backend column of a concurrency table, header left out."""
    return [line.split("|")[1].strip() for line in table.splitlines() if line.startswith("| ")][1:]


def test_the_concurrency_table_has_a_row_per_backend(tmp_path: Path) -> None:
    urls = {
        "json": (f"json:///{tmp_path}/a", f"json:///{tmp_path}/b"),
        "sqlite": (f"sqlite:///{tmp_path}/a.db", f"sqlite:///{tmp_path}/b.db"),
    }
    table = concurrency_table(urls, sessions=3)
    assert "3 sessions x 20 concurrent appenders" in table
    assert backends_in(table) == ["json", "sqlite"]
    for row in [line for line in table.splitlines() if line.startswith("| ")][1:]:
        cells = [cell.strip() for cell in row.strip("|").split("|")]
        async_rate, sync_rate = (float(cells[index].replace(",", "")) for index in (1, 3))
        assert cells[5].endswith("×") and abs(float(cells[5][:-1]) - async_rate / sync_rate) < 0.02, row


def test_the_cluster_runs_each_start_empty_under_their_own_prefix(
    redis_cluster: LocalCluster, tmp_path: Path
) -> None:
    """Both runs go to the one cluster; each prefix ends up with just its own run's sessions and appends."""
    place = Place(tmp_path, "", redis_cluster.url)
    tags = [f"{run}-{uuid.uuid4().hex[:8]}" for run in ("aio", "sync")]  # the suite's cluster is shared
    urls = tuple(concurrency_url("cluster", place, tag) for tag in tags)
    assert all(url.startswith(redis_cluster.url) for url in urls)
    assert backends_in(concurrency_table({"cluster": (urls[0], urls[1])}, sessions=3)) == ["cluster"]
    for url in urls:
        with open_backend(url) as store:
            sessions = store.list_sessions(limit=None)
        assert [session.message_count for session in sessions] == [APPENDERS] * 3, url


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("json", "json:///{dir}/store"),  # nothing in Redis: no prefix
        ("sqlite", "sqlite:///{dir}/store.db?synchronous=FULL"),
        ("redis", "redis://127.0.0.1:1/0?prefix=aio"),
        ("cluster", "redis+cluster://127.0.0.1:2,127.0.0.1:3/?prefix=aio"),
    ],
)
def test_run_urls_give_redis_backends_a_prefix(tmp_path: Path, name: str, expected: str) -> None:
    place = Place(tmp_path, "redis://127.0.0.1:1/0", "redis+cluster://127.0.0.1:2,127.0.0.1:3/")
    assert concurrency_url(name, place, "aio") == expected.format(dir=tmp_path)


def test_the_hybrid_run_url_adds_its_prefix_to_the_query(tmp_path: Path) -> None:
    url = concurrency_url("hybrid", Place(tmp_path, "redis://127.0.0.1:1/0"), "sync")
    assert url.startswith("hybrid:///?store=") and url.endswith("&prefix=sync")


def test_cluster_is_a_concurrency_backend_only(capsys: pytest.CaptureFixture[str]) -> None:
    """--concurrency runs every backend and the cluster by default; the speed tables refuse the cluster."""
    assert store_speed.parse(["--concurrency"]).backends == list(CONCURRENCY_BACKENDS)
    assert "cluster" in CONCURRENCY_BACKENDS
    assert store_speed.parse([]).backends == list(DEFAULT_BACKENDS)
    assert store_speed.parse(["--concurrency", "--backends", "cluster"]).backends == ["cluster"]
    with pytest.raises(SystemExit) as stopped:
        store_speed.main(["--backends", "json,cluster"])
    assert stopped.value.code == 2
    assert "cluster runs only with --concurrency" in capsys.readouterr().err
