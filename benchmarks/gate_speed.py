"""Benchmark the gate on a corpus and compare it with peer tools: `python benchmarks/gate_speed.py`.

Measured in one run, on a private copy of the corpus (default: this interpreter's standard
library; `--corpus DIR` for another, e.g. an unpacked Django wheel): cold with `--jobs 1`,
cold with every CPU, warm (nothing changed), one changed file in a warm project, the peak
RSS of the largest gate process, and, when installed, xenon, radon cc, pylint's design
checks and ruff (C901, PLR0913) on the same files, as ratios to our times.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import sysconfig
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from v2gate.discover import discover  # noqa: E402  (the repo is put on sys.path first)
from v2gate.run.workers import default_jobs  # noqa: E402

GATE = [sys.executable, str(REPO / "quality_gates.py"), "--exit-zero"]
# (label, command after the tool name, which of our figures it is compared with)
PEERS = [
    ("xenon", ["-a", "F", "-m", "F", "-b", "F", "."], "cold_1"),
    ("radon", ["cc", "-s", "."], "cold_1"),
    ("pylint", ["--disable=all", "--enable=design", "-j", "2", "--recursive=y", "."], "cold_n"),
    ("ruff", ["check", "--isolated", "--select", "C901,PLR0913", "--no-cache", "."], "cold_n"),
    (
        "ruff (cached)",
        ["check", "--isolated", "--select", "C901,PLR0913", "--cache-dir", "{cache}", "."],
        "warm",
    ),
]


@dataclass(frozen=True)
class Timing:
    """Wall time of one command, its CPU time (user + system, workers included) and the peak
    RSS (KiB) of its largest process."""

    seconds: float
    max_rss_kb: int
    timed_out: bool = False
    cpu: float = 0.0


def timed(command: list[str], cwd: Path, timeout: float) -> Timing:
    """Run `command` with output discarded; its wall time and rusage from wait4."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = start + timeout
    while True:
        pid, _, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            process.returncode = 0  # reaped by wait4; keep Popen from waiting again
            # ru_maxrss of a reaped child covers the descendants it waited for (its workers).
            return Timing(time.perf_counter() - start, usage.ru_maxrss, cpu=usage.ru_utime + usage.ru_stime)
        if time.perf_counter() > deadline:
            process.kill()
            process.wait()
            return Timing(timeout, 0, timed_out=True)
        time.sleep(0.002)


def prepare_corpus(source: Path, target: Path) -> tuple[int, int]:
    """Copy the files the gate would check under `source` to `target`; (files, lines)."""
    found = discover([source], root=source).files
    lines = 0
    for path in found:
        copy = target / path.relative_to(source)
        copy.parent.mkdir(parents=True, exist_ok=True)
        data = path.read_bytes()
        copy.write_bytes(data)
        lines += data.count(b"\n")
    return len(found), lines


def best(runs: list[Timing]) -> Timing:
    """The fastest of several runs (the least disturbed by other work on the machine)."""
    return min(runs, key=lambda timing: timing.seconds)


def measure_gate(corpus: Path, repeat: int, timeout: float, cold_repeat: int = 1) -> dict[str, Timing]:
    """Cold (1 job / all CPUs, best of `cold_repeat`), warm and one-changed-file runs (best of
    `repeat`) of the gate on `corpus`."""
    cache = corpus.parent / "gate-cache"
    # The floor every run pays: starting the interpreter (and, for the gate, click).
    results = {
        "python": min(
            (timed([sys.executable, "-c", "pass"], corpus, timeout) for _ in range(repeat)),
            key=lambda timing: timing.seconds,
        )
    }
    for name, jobs in (("cold_1", 1), ("cold_n", default_jobs())):
        runs = []
        for _ in range(cold_repeat):
            shutil.rmtree(cache, ignore_errors=True)
            runs.append(timed([*GATE, "--jobs", str(jobs), "--cache-dir", str(cache)], corpus, timeout))
        results[name] = best(runs)
    warm = [timed([*GATE, "--cache-dir", str(cache)], corpus, timeout) for _ in range(repeat)]
    results["warm"] = min(warm, key=lambda timing: timing.seconds)
    target = min(corpus.rglob("*.py"), key=lambda path: abs(path.stat().st_size - 6000))  # a typical file
    changed = []
    for number in range(repeat):
        with target.open("a", encoding="utf-8") as stream:
            stream.write(f"\n\ndef _benchmark_edit_{number}(value):\n    return value\n")
        changed.append(timed([*GATE, "--cache-dir", str(cache)], corpus, timeout))
    results["changed"] = min(changed, key=lambda timing: timing.seconds)
    return results


def measure_peers(corpus: Path, timeout: float, repeat: int = 1) -> dict[str, Timing]:
    """The installed peer tools on the same files, best of `repeat` (ruff's cache is warmed first)."""
    scripts = Path(sysconfig.get_path("scripts"))
    results = {}
    for label, args, _ in PEERS:
        tool = label.split()[0]
        executable = scripts / tool if (scripts / tool).exists() else shutil.which(tool)
        if executable is None:
            continue
        command = [str(executable), *(arg.format(cache=corpus.parent / "ruff-cache") for arg in args)]
        if label == "ruff (cached)":
            timed(command, corpus, timeout)
        results[label] = best([timed(command, corpus, timeout) for _ in range(repeat)])
    return results


def machine() -> str:
    """CPU model, CPUs usable, memory and Python: the line the README table needs."""
    model = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
        memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    except (OSError, ValueError, AttributeError):
        memory = 0.0
    return (
        f"{model}, {default_jobs()} CPUs, {memory:.0f} GiB RAM, {platform.system()} {platform.release()},"
        f" Python {platform.python_version()}"
    )


def render(corpus: str, size: tuple[int, int], ours: dict[str, Timing], peers: dict[str, Timing]) -> str:
    """The results as a markdown table."""
    labels = {
        "python": "`python -c pass` (start-up floor)",
        "cold_1": "gate, cold, --jobs 1",
        "cold_n": f"gate, cold, --jobs {default_jobs()}",
        "warm": "gate, warm (nothing changed)",
        "changed": "gate, one file changed (warm)",
    }
    rows = [
        f"Corpus: {corpus} ({size[0]} files, {size[1]} lines). Machine: {machine()}.",
        "",
        "| run | wall s | CPU s | lines/s | peak RSS MB | vs ours |",
        "|---|---:|---:|---:|---:|---|",
    ]
    for key, label in labels.items():
        timing = ours[key]
        rows.append(
            f"| {label} | {timing.seconds:.2f} | {timing.cpu:.2f} | {size[1] / timing.seconds:,.0f} |"
            f" {timing.max_rss_kb / 1024:.0f} | |"
        )
    for label, args, versus in PEERS:
        if label in peers:
            timing, base = peers[label], ours[versus]
            wall = f">{timing.seconds:.0f}" if timing.timed_out else f"{timing.seconds:.2f}"
            rows.append(
                f"| {label} `{' '.join(args)}` | {wall} | {timing.cpu:.2f} | {size[1] / timing.seconds:,.0f} |"
                f" {timing.max_rss_kb / 1024:.0f} | {timing.seconds / base.seconds:.2g}x {labels[versus]} |"
            )
    return "\n".join(rows) + "\n"


def history_repository(corpus: Path, commits: int) -> Path:
    """Make `corpus` a git repository of `commits` first-parent commits: the corpus, then each commit
    edits three files (a function appended), every 20th adds a file, every 50th renames one."""
    files = sorted(corpus.rglob("*.py"))

    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=corpus, check=True, capture_output=True)

    git("init", "-q", "-b", "main")
    git("config", "user.email", "bench@example.com")
    git("config", "user.name", "bench")
    git("add", "-A")
    git("commit", "-q", "-m", "corpus")
    for number in range(2, commits + 1):
        for path in files[number * 3 % len(files) :][:3]:
            with path.open("a", encoding="utf-8") as stream:
                stream.write(f"\n\ndef _history_edit_{number}(value):\n    return value\n")
        if number % 20 == 0:
            (corpus / f"added_{number}.py").write_text("def added():\n    return 1\n", encoding="utf-8")
        if number % 50 == 0:
            old = files.pop(number % len(files))
            git(
                "mv",
                str(old.relative_to(corpus)),
                str(old.with_name(f"renamed_{number}.py").relative_to(corpus)),
            )
        git("add", "-A")
        git("commit", "-q", "-m", f"edit {number}")
    return corpus


def measure_history(corpus: Path, commits: int, timeout: float) -> str:
    """`history` over `commits` commits (cold, then one new commit) against one cold run of the gate
    on the head, and wily's `build` on the same repository when wily is installed."""
    repo = history_repository(corpus, commits)
    cold = timed([*GATE, "--no-cache"], repo, timeout)
    history = [*GATE[:2], "history", "--max-commits", str(commits), "--format", "csv"]
    full = timed(history, repo, timeout)
    (repo / "added_last.py").write_text("x = 1\n", encoding="utf-8")
    subprocess.run(["git", "add", "-A"], cwd=repo, check=True)
    subprocess.run(["git", "commit", "-q", "-m", "last"], cwd=repo, check=True)
    again = timed(history, repo, timeout)
    ratio = full.seconds / cold.seconds
    lines = [
        f"\nhistory over {commits} commits (target: <= 10x one cold run of the gate on the head):",
        f"  gate, cold, every CPU, on the head   {cold.seconds:8.2f} s",
        f"  history, {commits} commits, cold       {full.seconds:8.2f} s  ({ratio:.1f}x the cold run)",
        f"  history, one new commit             {again.seconds:8.2f} s",
    ]
    if shutil.which("wily"):
        # the operators that measure what the gate does: complexity and lines
        wily = timed(["wily", "build", "-n", str(commits), "-o", "cyclomatic,raw", "."], repo, timeout)
        state = " (timed out)" if wily.timed_out else ""
        lines.append(
            f"  wily build -n {commits}                  {wily.seconds:8.2f} s{state}"
            f"  ({wily.seconds / full.seconds:.1f}x history)"
        )
    else:
        lines.append("  wily: not installed")
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--corpus",
        type=Path,
        default=Path(sysconfig.get_paths()["stdlib"]),
        help="directory of Python files (default: the standard library)",
    )
    parser.add_argument("--repeat", type=int, default=5, help="warm / changed-file runs; the best is kept")
    parser.add_argument(
        "--cold-repeat", type=int, default=1, help="cold and peer runs; the best is kept (a loaded machine)"
    )
    parser.add_argument("--timeout", type=float, default=900.0, help="seconds before a run is stopped")
    parser.add_argument("--no-peers", action="store_true", help="time the gate only")
    parser.add_argument(
        "--history", type=int, metavar="N", help="also time `history` over N commits made from the corpus"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="gate-speed-") as scratch:
        corpus = Path(scratch) / "corpus"
        size = prepare_corpus(args.corpus.resolve(), corpus)
        ours = measure_gate(corpus, args.repeat, args.timeout, args.cold_repeat)
        peers = {} if args.no_peers else measure_peers(corpus, args.timeout, args.cold_repeat)
        sys.stdout.write(render(str(args.corpus), size, ours, peers))
        if args.history:
            shutil.rmtree(corpus / ".quality_gates_cache", ignore_errors=True)
            sys.stdout.write(measure_history(corpus, args.history, args.timeout))
    return 0


if __name__ == "__main__":
    sys.exit(main())
