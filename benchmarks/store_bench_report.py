"""Markdown output of the store benchmark: the machine, one table per backend, and the targets met or missed."""

from __future__ import annotations

import os
import platform
import sqlite3
from collections.abc import Sequence
from pathlib import Path

import redis

from benchmarks import store_bench_data as data
from benchmarks.store_bench_data import Sizes
from benchmarks.store_bench_redis import version
from benchmarks.store_bench_run import (
    APPEND_BIG,
    APPEND_SMALL,
    LIST,
    READ,
    BackendResult,
)
from benchmarks.store_bench_timing import Sample

# (label, workload, figure): "rate" is calls/s (store / raw >= 1 is better), "p50"/"p99" are ms (lower is better).
ROWS = (
    ("append throughput, {small}-message session (msg/s)", APPEND_SMALL, "rate"),
    ("append p50, {small}-message session (ms)", APPEND_SMALL, "p50"),
    ("append p99, {small}-message session (ms)", APPEND_SMALL, "p99"),
    ("append p50, {messages:,}-message session (ms)", APPEND_BIG, "p50"),
    ("append p99, {messages:,}-message session (ms)", APPEND_BIG, "p99"),
    ("get_messages(limit=50) p50, {messages:,} messages (ms)", READ, "p50"),
    ("get_messages(limit=50) p99, {messages:,} messages (ms)", READ, "p99"),
    ("list_sessions(limit=100) p50, {sessions:,} sessions (ms)", LIST, "p50"),
    ("list_sessions(limit=100) p99, {sessions:,} sessions (ms)", LIST, "p99"),
)
READ_TARGET_BACKENDS = ("sqlite", "sqlite-normal", "redis")


def figure(sample: Sample, kind: str) -> float:
    """The figure `kind` ("rate", "p50" or "p99") of a sample."""
    if kind == "rate":
        return sample.per_second()
    return sample.percentile_ms(0.5 if kind == "p50" else 0.99)


def number(value: float) -> str:
    """Three significant digits, without scientific notation for the sizes we print."""
    return f"{value:,.0f}" if value >= 100 else f"{value:.3g}"


def backend_table(result: BackendResult, sizes: Sizes) -> str:
    """The markdown section of one backend: what an append does, how setup went, and the figures."""
    backend, names = (
        result.backend,
        {"small": data.SMALL_COUNT, "messages": sizes.messages, "sessions": sizes.sessions},
    )
    lines = [
        f"### {backend.name}",
        "",
        f"Append work: {backend.append_work}.  ",
        f"Setup (not timed, {result.setup_seconds:.1f} s): {result.setup}, with os.fsync deferred to one os.sync()"
        f"{'; ' + backend.setup_note if backend.setup_note else ''}.",
        "",
        "| measure | store | raw driver | store / raw |",
        "|---|---:|---:|---:|",
    ]
    for label, workload, kind in ROWS:
        store, raw = (figure(sample, kind) for sample in result.samples[workload])
        calls = len(result.samples[workload][0].latencies)
        lines.append(
            f"| {label.format(**names)} [{calls} calls] | {number(store)} | {number(raw)} | {store / raw:.2f} |"
        )
    big, small = (result.samples[name] for name in (APPEND_BIG, APPEND_SMALL))
    growth = [figure(big[side], "p50") / figure(small[side], "p50") for side in (0, 1)]
    lines.append(
        f"| append p50, {sizes.messages:,} ÷ {data.SMALL_COUNT} messages | {growth[0]:.2f}× | {growth[1]:.2f}× | |"
    )
    if result.reference is not None:
        mine, theirs = figure(result.samples[READ][0], "p50"), figure(result.reference, "p50")
        lines.append(
            f"| get_messages(limit=50) p50 (ms): this store, and the {backend.reference_name} in the raw column, "
            f"timed in turns | {number(mine)} | {number(theirs)} | {mine / theirs:.2f} |"
        )
    return "\n".join(lines) + "\n"


def target_rows(results: Sequence[BackendResult]) -> list[tuple[str, str, str, bool]]:
    """(target, backend, figure, met) for every target the issue sets that these results can judge."""
    rows: list[tuple[str, str, str, bool]] = []
    reads: dict[str, float] = {}
    for result in results:
        name, samples = result.backend.name, result.samples
        share = figure(samples[APPEND_SMALL][0], "rate") / figure(samples[APPEND_SMALL][1], "rate")
        rows.append(("append throughput ≥ 50% of raw", name, f"{share:.0%}", share >= 0.5))
        growth = figure(samples[APPEND_BIG][0], "p50") / figure(samples[APPEND_SMALL][0], "p50")
        rows.append(("append p50, big ÷ small session ≤ 1.2×", name, f"{growth:.2f}×", growth <= 1.2))
        reads[name] = figure(samples[READ][0], "p50")
        if name in READ_TARGET_BACKENDS:
            rows.append(
                (
                    "get_messages(limit=50) p50 on the big session ≤ 5 ms",
                    name,
                    f"{reads[name]:.3g} ms",
                    reads[name] <= 5.0,
                )
            )
    hybrid = next((result for result in results if result.backend.name == "hybrid"), None)
    if hybrid is not None and hybrid.reference is not None:  # plain Redis timed in turns with the hybrid
        ratio = reads["hybrid"] / figure(hybrid.reference, "p50")
        rows.append(
            (
                "hybrid recent read ≤ 1.5× plain Redis (timed in turns)",
                "hybrid",
                f"{ratio:.2f}×",
                ratio <= 1.5,
            )
        )
    elif "hybrid" in reads and "redis" in reads:
        ratio = reads["hybrid"] / reads["redis"]
        rows.append(
            ("hybrid recent read ≤ 1.5× plain Redis (separate runs)", "hybrid", f"{ratio:.2f}×", ratio <= 1.5)
        )
    return rows


def summary(results: Sequence[BackendResult]) -> str:
    """The targets table."""
    lines = ["### Targets", "", "| target | backend | figure | met |", "|---|---|---:|---|"]
    for target, name, value, met in target_rows(results):
        lines.append(f"| {target} | {name} | {value} | {'yes' if met else '**no**'} |")
    return "\n".join(lines) + "\n"


def filesystem(path: Path) -> str:
    """The type and device of the mount holding `path` (from /proc/mounts; 'unknown' elsewhere)."""
    best = ("", "unknown", "unknown")
    try:
        mounts = Path("/proc/mounts").read_text().splitlines()
    except OSError:
        return "unknown"
    for device, point, kind, *_ in (line.split() for line in mounts):
        if str(path.resolve()).startswith(point) and len(point) > len(best[0]):
            best = (point, kind, device)
    return f"{best[1]} on {best[2]}"


def machine(directory: Path) -> str:
    """One markdown paragraph describing where the figures were taken."""
    cpu = platform.processor() or platform.machine()
    info = Path("/proc/cpuinfo")
    if info.exists():
        names = [
            line.split(":", 1)[1].strip()
            for line in info.read_text().splitlines()
            if line.startswith("model name")
        ]
        cpu = names[0] if names else cpu
    return (
        f"Machine: {os.cpu_count()} × {cpu}, {platform.system()} {platform.release()}; "
        f"data in {directory} ({filesystem(directory)}); Python {platform.python_version()}, "
        f"SQLite {sqlite3.sqlite_version}, redis-py {redis.__version__}, {version()}.\n"
    )
