"""Replacing a file atomically and durably: temp file in the same directory, fsync, os.replace, fsync the directory."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any


def fsync_dir(path: Path) -> None:
    """Make renames and new entries in directory `path` durable."""
    fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@contextlib.contextmanager
def replacing(path: Path, *, encoding: str | None = None) -> Iterator[IO[Any]]:
    """Yield a handle whose content replaces `path` when the block ends without an error.

    Readers and crashes see the old or the new content, never a mix; the new file is owner-only
    (0600, from mkstemp). Binary unless `encoding` is given (then text with `\\n` line ends).
    On an error the temp file is removed and `path` is left as it was.
    """
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        handle: IO[Any] = (
            os.fdopen(fd, "w", encoding=encoding, newline="\n") if encoding else os.fdopen(fd, "wb")
        )
        with handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    fsync_dir(path.parent)
