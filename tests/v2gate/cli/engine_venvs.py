"""Real virtualenvs with a broken measuring engine, built once per test session.

- `no_radon`: a plain venv with the gate installed (editable, `--no-deps`) and every other
  dependency it declares, but not radon: a broken installation of the gate.
- `old_radon`: a plain venv with click, libcst and radon 5.1.0 (older than the gate needs) in
  which the gate is not installed: the repository's `quality_gates.py` run by the wrong Python.
"""

from __future__ import annotations

import fcntl
import json
import os
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]
OLD_RADON = "radon==5.1.0"


@dataclass(frozen=True)
class EngineVenvs:
    """The two venvs (their roots) and how long building them took, in seconds (0: reused)."""

    no_radon: Path
    old_radon: Path
    seconds: float

    @staticmethod
    def python(venv: Path) -> Path:
        return venv / "bin" / "python"


def _run(*command: str | Path) -> None:
    subprocess.run([str(part) for part in command], check=True, capture_output=True, text=True, timeout=600)


def _venv(root: Path, *installs: tuple[str, ...]) -> Path:
    """A plain venv (no system site-packages) at `root` with each group of `installs` installed.

    The venv gets no pip of its own: this Python's pip installs into it (`--python`), which
    saves ensurepip's seconds.
    """
    _run(sys.executable, "-m", "venv", "--without-pip", root)
    python = root / "bin" / "python"
    for packages in installs:
        _run(sys.executable, "-m", "pip", "--python", python, "install", "-q", "--no-compile", *packages)
    return root


def _others() -> tuple[str, ...]:
    """The gate's declared runtime requirements except radon (`click>=8.1`, ...)."""
    declared = metadata.requires("quality-gates") or []
    return tuple(line for line in declared if ";" not in line and not line.lower().startswith("radon"))


def _build(root: Path) -> None:
    """Both venvs under `root`, side by side (pip's downloads are cached, so a rebuild is quicker)."""
    with ThreadPoolExecutor(max_workers=2) as pool:
        jobs = [
            pool.submit(_venv, root / "no-radon", _others(), ("--no-deps", "-e", str(REPO))),
            pool.submit(_venv, root / "old-radon", ("click", "libcst", OLD_RADON)),
        ]
        for job in jobs:
            job.result()


def shared_root(base: Path) -> Path:
    """Where the venvs of this run live, from pytest's base temp dir: the directory every
    pytest-xdist worker of the run shares (their own base dirs sit side by side in it)."""
    return base.parent / "engine-venvs" if os.environ.get("PYTEST_XDIST_WORKER") else base / "engine-venvs"


def engine_venvs(shared: Path) -> EngineVenvs:
    """The venvs under `shared`, built by the first pytest worker to get there (the others wait)."""
    shared.mkdir(parents=True, exist_ok=True)
    done = shared / "built.json"
    with (shared / "lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        seconds = 0.0
        if not done.exists():
            start = time.perf_counter()
            _build(shared)
            seconds = time.perf_counter() - start
            done.write_text(json.dumps({"seconds": seconds, "pid": os.getpid()}), encoding="utf-8")
    return EngineVenvs(shared / "no-radon", shared / "old-radon", seconds)
