"""`--diff REF`: the `.py` files changed since the merge base of REF and HEAD, asked of `git`.

Changed means: committed since the merge base, staged, unstaged or untracked (and not
ignored). Deleted files are left out; a renamed file counts under its new name. Loaded only
when `--diff` is given, so a plain run never starts `git`.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from v2gate.errors import GateError
from v2gate.run.git import run_git


class DiffError(GateError):
    """`--diff` cannot run: no git, not a repository, or an unknown REF."""


def _git(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run `git ARGS` in `cwd`, capturing text output; DiffError when git is not installed."""
    return run_git(cwd, *args, error=DiffError, purpose="--diff")


def _top_level(cwd: Path) -> Path:
    """The root of the work tree holding `cwd`."""
    done = _git(cwd, "rev-parse", "--show-toplevel")
    if done.returncode != 0:
        said = done.stderr.strip().splitlines()
        if said and "not a git repository" not in said[0]:
            # e.g. "detected dubious ownership": git's own words say what to do
            raise DiffError(f"--diff: git cannot use the repository at {cwd}: {said[0]}")
        raise DiffError(f"--diff needs a git repository, and {cwd} is not inside one")
    return Path(done.stdout.rstrip("\n"))


def _merge_base(top: Path, ref: str) -> str:
    """The merge base of `ref` and HEAD; DiffError naming `ref` when git does not know it."""
    known = _git(top, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{ref}^{{commit}}")
    if known.returncode != 0:
        raise DiffError(f"--diff {ref}: unknown revision (not a commit, branch or tag in this repository)")
    base = _git(top, "merge-base", known.stdout.strip(), "HEAD")
    if base.returncode != 0:
        detail = base.stderr.strip() or "no common ancestor with HEAD"
        raise DiffError(f"--diff {ref}: cannot find the merge base with HEAD ({detail})")
    return base.stdout.strip()


def _names(top: Path, *args: str) -> list[str]:
    """NUL-separated path names printed by a git command (relative to the top level)."""
    done = _git(top, *args)
    if done.returncode != 0:
        raise DiffError(f"--diff: git {args[0]} failed: {done.stderr.strip()}")
    return [name for name in done.stdout.split("\0") if name]


def changed_files(ref: str, cwd: Path) -> frozenset[Path]:
    """Absolute, resolved paths of the `.py` files changed since the merge base of `ref` and HEAD.

    The diff runs from the merge base to the work tree, so commits, staged and unstaged
    changes are all in it; `--diff-filter=d` drops deletions, renames report the new name.
    """
    top = _top_level(cwd)
    base = _merge_base(top, ref)
    changed = _names(top, "diff", "--name-only", "-z", "--diff-filter=d", "--find-renames", base, "--")
    untracked = _names(top, "ls-files", "-z", "--others", "--exclude-standard", "--full-name")
    paths = (top / name for name in (*changed, *untracked) if name.endswith(".py"))
    return frozenset(Path(os.path.realpath(path)) for path in paths if path.is_file())
