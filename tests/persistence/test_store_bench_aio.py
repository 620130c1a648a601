"""The concurrency benchmark (benchmarks/store_bench_aio.py) runs, tiny, on the embedded stores."""

from __future__ import annotations

from pathlib import Path

from benchmarks.store_bench_aio import concurrency_table


def test_the_concurrency_table_has_a_row_per_backend(tmp_path: Path) -> None:
    urls = {
        "json": (f"json:///{tmp_path}/a", f"json:///{tmp_path}/b"),
        "sqlite": (f"sqlite:///{tmp_path}/a.db", f"sqlite:///{tmp_path}/b.db"),
    }
    table = concurrency_table(urls, sessions=3)
    assert "3 sessions x 20 concurrent appenders" in table
    assert [line.split("|")[1].strip() for line in table.splitlines() if line.startswith("| ")][1:] == [
        "json",
        "sqlite",
    ]
