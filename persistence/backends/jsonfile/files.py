"""File primitives of the JSON-file store: atomic replace, durable append, snapshot reads, the OSError boundary."""

from __future__ import annotations

import functools
import logging
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import ParamSpec, TypeVar

from persistence.atomic_files import replacing
from persistence.errors import StoreUnavailable

FILE_MODE = 0o600
DIR_MODE = 0o700
LOCK_NAME = "lock"
SESSION_NAME = "session.json"
LOG_NAME = "messages.jsonl"
FIRST_CHUNK = 4 * 1024  # a few typical lines; reading backwards doubles the chunk up to TAIL_CHUNK
TAIL_CHUNK = 64 * 1024
LOG = logging.getLogger(__name__)
P = ParamSpec("P")
R = TypeVar("R")


@dataclass(frozen=True)
class Tail:
    """Complete lines of a session's log as read at one moment (a "line" ends with b"\\n"; the b"\\n" is dropped)."""

    lines: list[bytes]  # the last ones asked for, or all of them; oldest first
    first: int | None  # the line number of lines[0], known when reading reached the start of the log
    end: int  # bytes of the log up to its last b"\n": past it lies at most a torn record, never acknowledged
    size: int  # the log's size when read


def write_atomic(path: Path, data: bytes) -> None:
    """Replace `path` by `data`: readers and crashes see the old or the new content, never a mix."""
    with replacing(path) as handle:
        handle.write(data)


def create_empty(path: Path) -> None:
    """Create an empty owner-only file (it must not exist yet)."""
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE))


def append_durable(path: Path, data: bytes) -> None:
    """Append `data` to `path` and fsync before returning, so it survives a kill -9 or power loss."""
    fd = os.open(path, os.O_WRONLY | os.O_APPEND)
    try:
        view = memoryview(data)
        while view:  # os.write may write less than asked
            view = view[os.write(fd, view) :]
        os.fsync(fd)
    finally:
        os.close(fd)


def read_tail(fd: int, count: int | None) -> Tail | None:
    """The last `count` complete lines of the open log `fd` (all if None), read backwards in growing chunks.

    None if a read came back short: a writer cut a torn record meanwhile, so the caller reads again.
    Bytes below the last b"\\n" never change; chunks nearer the end are read first, so what is read is
    one moment's log.
    """
    size = os.fstat(fd).st_size
    chunks: list[bytes] = []
    newlines = 0
    position = size
    step = size if count is None else FIRST_CHUNK
    while position > 0 and (count is None or newlines <= count):  # one newline more: the first line is whole
        step = min(step, position)
        position -= step
        chunks.append(os.pread(fd, step, position))
        if len(chunks[-1]) < step:
            return None
        newlines += chunks[-1].count(b"\n")
        step = min(2 * step, TAIL_CHUNK)
    data = b"".join(reversed(chunks))
    end = data.rfind(b"\n") + 1  # 0 if there is no complete line
    lines = data[:end].split(b"\n")
    lines.pop()  # b"" after the final newline (or the lone b"" of no line at all)
    keep = (
        len(lines) if count is None else min(count, len(lines))
    )  # if reading stopped early, the first is partial
    first = len(lines) - keep + 1 if position == 0 else None
    return Tail(lines[len(lines) - keep :], first, position + end, size)


def read_session_files(directory: Path, count: int | None) -> tuple[bytes, Tail]:
    """session.json and the log's `count` last complete lines (all if None), both from the same session.

    Both are opened through one descriptor of the directory, so a session deleted and created again
    meanwhile never mixes into the result. FileNotFoundError if the session is gone.
    """
    dir_fd = os.open(directory, os.O_RDONLY | os.O_DIRECTORY)
    try:
        with open(
            SESSION_NAME, "rb", buffering=0, opener=functools.partial(os.open, dir_fd=dir_fd)
        ) as handle:
            record = handle.readall()
        log_fd = os.open(LOG_NAME, os.O_RDONLY, dir_fd=dir_fd)
    finally:
        os.close(dir_fd)
    try:
        tail = None
        while tail is None:
            tail = read_tail(log_fd, count)
    finally:
        os.close(log_fd)
    return record, tail


def page(lines: list[bytes], after_seq: int | None, limit: int | None) -> list[tuple[int, bytes]]:
    """The (line number, line) pairs of a whole log that get_messages asks for; line n holds seq n."""
    if after_seq is None:
        start = 0 if limit is None else max(len(lines) - limit, 0)
        stop = len(lines)
    else:
        start = min(after_seq, len(lines))
        stop = len(lines) if limit is None else min(after_seq + limit, len(lines))
    return [(number + 1, lines[number]) for number in range(start, stop)]


def cut_torn(path: Path, tail: Tail) -> None:
    """Cut a torn final record (no b"\\n": its append never returned) off the log; the caller holds the lock."""
    if tail.size > tail.end:
        os.truncate(path, tail.end)
        LOG.warning(
            "%s: cut %d bytes of a torn final record (a write interrupted by a crash, or damage from outside); "
            "the %d bytes before it are complete records",
            path,
            tail.size - tail.end,
            tail.end,
        )


def guard_os_errors(method: Callable[P, R]) -> Callable[P, R]:
    """The store's one boundary for OSError: it becomes StoreUnavailable naming the store's root."""

    @functools.wraps(method)
    def guarded(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return method(*args, **kwargs)
        except OSError as exc:
            root = getattr(args[0], "root", "?")
            raise StoreUnavailable(
                f"JSON store {root}: {exc.strerror or exc} ({exc.filename}); check that the directory "
                "exists, is a directory writable by this user, and that the disk is not full"
            ) from exc

    return guarded
