"""What `history` asks of git: the first-parent commits, each commit's `.py` blobs, their bytes.

Blobs are read through one `git cat-file --batch` process, never by checking anything out, so
the work tree (dirty or not) is never touched.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from v2gate.errors import GateError
from v2gate.run.git import run_git


class HistoryError(GateError):
    """`history` cannot run: no git, not a repository, an unknown REF."""


@dataclass(frozen=True, slots=True)
class Commit:
    """One commit: its hash, committer and author dates (ISO 8601, with offset) and subject."""

    sha: str
    date: str
    author_date: str
    subject: str


def git(cwd: Path, *args: str) -> str:
    """`git ARGS` in `cwd`, its output; HistoryError with git's own words when it fails."""
    done = run_git(cwd, *args, error=HistoryError, purpose="history")
    if done.returncode != 0:
        said = done.stderr.strip().splitlines()
        raise HistoryError(f"history: git {args[0]} failed: {said[0] if said else done.returncode}")
    return done.stdout


def top_level(cwd: Path) -> Path:
    """The root of the work tree holding `cwd`."""
    return Path(git(cwd, "rev-parse", "--show-toplevel").rstrip("\n"))


def first_parent_commits(top: Path, since: str | None, max_commits: int | None) -> list[Commit]:
    """The commits of HEAD's first-parent line, oldest first: after `since`, at most the newest `max_commits`."""
    args = ["rev-list", "--first-parent", "--format=%H%x00%cI%x00%aI%x00%s", "--no-commit-header"]
    if max_commits is not None:
        args.append(f"--max-count={max_commits}")
    args.append("HEAD" if since is None else f"{since}..HEAD")
    commits = []
    for line in git(top, *args).splitlines():
        sha, date, author_date, subject = line.split("\x00", 3)
        commits.append(Commit(sha, date, author_date, subject))
    return commits[::-1]


def python_blobs(top: Path, sha: str) -> dict[str, str]:
    """{path relative to the top: blob hash} of every `.py` file in the commit's tree."""
    found = {}
    for entry in git(top, "ls-tree", "-r", "-z", "--full-tree", sha).split("\x00"):
        if not entry:
            continue
        info, path = entry.split("\t", 1)
        mode, kind, blob = info.split()
        if kind == "blob" and path.endswith((".py", ".pyi")) and mode != "120000":
            found[path] = blob
    return found


class BlobReader:
    """One `git cat-file --batch` process: blob hash in, bytes out."""

    def __init__(self, top: Path) -> None:
        self._process = subprocess.Popen(
            ["git", "cat-file", "--batch"], cwd=top, stdin=subprocess.PIPE, stdout=subprocess.PIPE
        )

    def read(self, blob: str) -> bytes:
        """The blob's bytes."""
        stdin, stdout = self._pipes()
        stdin.write(blob.encode("ascii") + b"\n")
        stdin.flush()
        header = stdout.readline().split()
        if len(header) != 3:
            raise HistoryError(f"history: git cat-file cannot read blob {blob}")
        data = stdout.read(int(header[2]))
        stdout.read(1)  # the newline after the contents
        return data

    def close(self) -> None:
        """End the git process."""
        stdin, _ = self._pipes()
        stdin.close()
        self._process.wait()

    def _pipes(self) -> tuple[IO[bytes], IO[bytes]]:
        assert self._process.stdin is not None and self._process.stdout is not None
        return self._process.stdin, self._process.stdout
