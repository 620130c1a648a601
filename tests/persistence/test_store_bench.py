"""Smoke tests of benchmarks/store_speed.py: tiny runs print a table per backend; bad input exits 2; no timing asserts."""

from __future__ import annotations

import contextlib
import io
import subprocess
import sys
import time
from pathlib import Path
from types import SimpleNamespace
from typing import cast

import pytest

from benchmarks import store_bench_data as data
from benchmarks import store_speed
from benchmarks.store_bench_backends import BACKENDS
from benchmarks.store_bench_report import ROWS, target_rows
from benchmarks.store_bench_run import (
    APPEND_BIG,
    APPEND_SMALL,
    LIST,
    READ,
    BackendResult,
)
from benchmarks.store_bench_setup import REPLAY, RESTORE, put_session
from benchmarks.store_bench_timing import Sample
from persistence.backends.sqlite.store import SqliteStore
from persistence.interface import SessionStore
from tests.redis_server import require_binary

ROOT = Path(__file__).resolve().parents[2]
QUICK_SIZES = {"messages": 300, "sessions": 40}


@pytest.fixture(scope="module")
def quick_output(memory_root: Path | None) -> str:
    """Everything one `--quick` run over every backend prints (it starts its own redis-server)."""
    require_binary()
    out = io.StringIO()
    where = [] if memory_root is None else ["--dir", str(memory_root)]
    with contextlib.redirect_stdout(out):
        code = store_speed.main(["--quick", "--backends", ",".join(BACKENDS), *where])
    assert code == 0, out.getvalue()
    return out.getvalue()


@pytest.mark.parametrize("backend", list(BACKENDS))
def test_quick_run_prints_a_full_table_per_backend(quick_output: str, backend: str) -> None:
    """Each backend gets its heading, every measure row with three figures, and a setup note."""
    section = quick_output.split(f"### {backend}\n", 1)[1].split("\n### ", 1)[0]
    assert (
        "s): restore_session, with os.fsync deferred" in section
        or "s): create_session + append_message" in section
    )
    for label, _workload, _kind in ROWS:
        row = next(
            line
            for line in section.splitlines()
            if line.startswith(f"| {label.format(small=10, **QUICK_SIZES)}")
        )
        cells = [cell.strip() for cell in row.strip("|").split("|")]
        assert len(cells) == 4 and all(cells[1:]), row  # store, raw driver, store / raw


def test_quick_run_ends_with_the_targets(quick_output: str) -> None:
    """The targets table judges every backend, and hybrid against plain Redis."""
    targets = quick_output.split("### Targets\n", 1)[1]
    for backend in BACKENDS:
        assert f"| append throughput ≥ 50% of raw | {backend} |" in targets
    assert "| hybrid recent read ≤ 1.5× plain Redis (timed in turns) | hybrid |" in targets
    assert quick_output.startswith("## Persistence speed") and "Machine: " in quick_output


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--backends", "mongo"], "unknown backend(s) mongo"),  # a name not in BACKENDS
        (["--backends", ","], "unknown backend(s) (none given)"),  # nothing chosen
        (["--messages", "1"], "at least 2"),  # the big session needs history
        (["--sessions", "many"], "at least 2"),  # not a number
        (["--dir", "/nonexistent/store-bench"], "not an existing directory"),  # nowhere to write
    ],
)
def test_bad_arguments_exit_2_with_a_message(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """argparse turns bad input into exit status 2 and a message naming the problem."""
    with pytest.raises(SystemExit) as stopped:
        store_speed.main(argv)
    assert stopped.value.code == 2
    assert message in capsys.readouterr().err


def test_runs_as_a_module_without_redis_backends(tmp_path: Path) -> None:
    """`python -m benchmarks.store_speed` exits 0 and prints the table; JSON/SQLite need no redis-server."""
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "benchmarks.store_speed",
            "--quick",
            "--backends",
            "json,sqlite",
            "--dir",
            str(tmp_path),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "### json" in done.stdout and "### sqlite" in done.stdout
    assert list(tmp_path.iterdir()) == []  # the stores are removed afterwards


@pytest.mark.parametrize(
    ("latencies", "fraction", "expected_ms"),
    [
        ((0.001,), 0.5, 1.0),  # one call: every percentile is that call
        ((0.004, 0.001, 0.003, 0.002), 0.5, 2.0),  # nearest rank: ceil(0.5 * 4) = 2nd smallest
        ((0.004, 0.001, 0.003, 0.002), 0.99, 4.0),  # ceil(0.99 * 4) = 4th: the slowest
        (tuple(i / 1000 for i in range(1, 101)), 0.99, 99.0),  # 100 calls: p99 is the 99th
    ],
)
def test_percentiles_use_nearest_rank(
    latencies: tuple[float, ...], fraction: float, expected_ms: float
) -> None:
    """Sample.percentile_ms is the nearest-rank percentile, in milliseconds."""
    assert Sample(latencies, sum(latencies)).percentile_ms(fraction) == pytest.approx(expected_ms)


def result(
    name: str,
    append_ms: tuple[float, float],
    big_ms: float,
    read_ms: float,
    reference_ms: float | None = None,
) -> BackendResult:
    """A made-up result: store/raw append latency, store append latency at scale, store (and reference) read latency."""

    def flat(ms: float) -> Sample:
        return Sample((ms / 1000,) * 10, ms / 100)

    samples = {
        APPEND_SMALL: (flat(append_ms[0]), flat(append_ms[1])),
        APPEND_BIG: (flat(big_ms), flat(big_ms)),
        READ: (flat(read_ms), flat(read_ms)),
        LIST: (flat(1.0), flat(1.0)),
    }
    reference = None if reference_ms is None else flat(reference_ms)
    return BackendResult(BACKENDS[name], "restore_session", 0.0, samples, reference)


@pytest.mark.parametrize(
    ("results", "target", "backend", "met"),
    [
        (
            [result("sqlite", (2.0, 1.0), 2.0, 1.0)],
            "append throughput ≥ 50% of raw",
            "sqlite",
            True,
        ),  # exactly 50%
        ([result("json", (3.0, 1.0), 3.0, 1.0)], "append throughput ≥ 50% of raw", "json", False),  # 33%
        (
            [result("redis", (1.0, 1.0), 1.2, 1.0)],
            "append p50, big ÷ small session ≤ 1.2×",
            "redis",
            True,
        ),  # 1.2×
        ([result("redis", (1.0, 1.0), 1.3, 1.0)], "append p50, big ÷ small session ≤ 1.2×", "redis", False),
        (
            [result("sqlite", (1.0, 1.0), 1.0, 5.0)],
            "get_messages(limit=50) p50 on the big session ≤ 5 ms",
            "sqlite",
            True,
        ),
        (
            [result("redis", (1.0, 1.0), 1.0, 5.1)],
            "get_messages(limit=50) p50 on the big session ≤ 5 ms",
            "redis",
            False,
        ),
        (
            [result("redis", (1, 1), 1, 1.0), result("hybrid", (1, 1), 1, 1.5)],
            "hybrid recent read ≤ 1.5× plain Redis (separate runs)",
            "hybrid",
            True,  # exactly 1.5×
        ),
        (
            [result("redis", (1, 1), 1, 1.0), result("hybrid", (1, 1), 1, 1.6)],
            "hybrid recent read ≤ 1.5× plain Redis (separate runs)",
            "hybrid",
            False,
        ),
        (
            [result("redis", (1, 1), 1, 0.1), result("hybrid", (1, 1), 1, 1.5, reference_ms=1.0)],
            "hybrid recent read ≤ 1.5× plain Redis (timed in turns)",
            "hybrid",
            True,  # the reference wins
        ),
        (
            [result("hybrid", (1, 1), 1, 1.6, reference_ms=1.0)],
            "hybrid recent read ≤ 1.5× plain Redis (timed in turns)",
            "hybrid",
            False,  # no redis run needed
        ),
    ],
)
def test_targets_are_judged_at_their_limits(
    results: list[BackendResult], target: str, backend: str, met: bool
) -> None:
    """Each target is met up to and including its limit, and missed past it."""
    verdicts = {(row[0], row[1]): row[3] for row in target_rows(results)}
    assert verdicts[(target, backend)] is met


def test_read_target_is_only_judged_where_the_issue_sets_it() -> None:
    """The 5 ms read target applies to SQLite and Redis, not to JSON; no hybrid row without a Redis run."""
    rows = target_rows([result("json", (1, 1), 1, 50.0), result("hybrid", (1, 1), 1, 1.0)])
    assert {
        (target, name)
        for target, name, _figure, _met in rows
        if "get_messages" in target or "hybrid r" in target
    } == set()


@pytest.mark.parametrize(
    ("hook", "expected"),
    [
        ("keep", RESTORE),  # our backends' restore_session writes the session in one go
        ("remove", REPLAY),  # a store seen only through the SessionStore protocol: the public API
    ],
)
def test_setup_falls_back_to_the_public_api(tmp_path: Path, hook: str, expected: str) -> None:
    """put_session stores the whole session either way and reports which path it took."""
    store = SqliteStore(tmp_path / "setup.db")
    # another SessionStore implementation: the public API only, no restore_session
    public = SimpleNamespace(create_session=store.create_session, append_message=store.append_message)
    target = store if hook == "keep" else cast(SessionStore, public)
    record = data.session("bench-x", 3, time.time() - 10)
    try:
        assert put_session(target, record) == expected
        assert [m.seq for m in store.get_messages("bench-x")] == [1, 2, 3]
    finally:
        store.close()
