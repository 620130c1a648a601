"""Running `git` for the commands that read a repository (`--diff`, `history`): one way to start it."""

from __future__ import annotations

import subprocess
from pathlib import Path

from v2gate.errors import GateError


def run_git(cwd: Path, *args: str, error: type[GateError], purpose: str) -> subprocess.CompletedProcess[str]:
    """`git ARGS` in `cwd` with its text output captured; `error` naming `purpose` when git cannot be run.

    surrogateescape: a file name that is not UTF-8 still round-trips to the same path.
    """
    try:
        return subprocess.run(
            ["git", *args],
            cwd=cwd,
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="surrogateescape",
            check=False,
        )
    except OSError as exc:
        raise error(f"{purpose} needs git, which cannot be run: {exc.strerror or exc}") from exc
