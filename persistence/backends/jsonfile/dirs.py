"""Session directories of the JSON-file store: the per-session flock, publishing by rename, removal by rename-aside."""

from __future__ import annotations

import errno
import fcntl
import os
import shutil
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from persistence.atomic_files import fsync_dir
from persistence.backends.jsonfile import records
from persistence.backends.jsonfile.files import LOCK_NAME, SESSION_NAME
from persistence.errors import SessionNotFound

STAGING_PREFIX = ".tmp-"
TRASH_PREFIX = ".trash-"
STALE_STAGING_SECONDS = 3600.0


def acquire(path: Path) -> int:
    """Open and flock `path` exclusively; retry if the session was replaced while we waited."""
    while True:
        fd = os.open(path, os.O_RDWR)  # never O_CREAT: a deleted session must not come back
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            if os.stat(path).st_ino == os.fstat(fd).st_ino:  # stat fails if it was deleted
                return fd
        except BaseException:
            os.close(fd)
            raise
        os.close(fd)


@contextmanager
def locked(directory: Path) -> Iterator[None]:
    """Hold the session's lock; SessionNotFound if the session directory is gone.

    flock belongs to an open file description, so a fresh descriptor per operation makes threads
    of one process exclude each other exactly as processes do; the kernel drops it if we die.
    """
    try:
        fd = acquire(directory / LOCK_NAME)
    except FileNotFoundError as exc:
        raise SessionNotFound(
            f"session {directory.name!r} not found; check the id or create the session first"
        ) from exc
    try:
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the lock


def publish(staging: Path, target: Path) -> bool:
    """Rename a fully written staging directory to `target`; False if `target` already exists."""
    try:
        os.rename(staging, target)  # atomic; fails on an existing non-empty directory
    except OSError as exc:
        if exc.errno in (errno.EEXIST, errno.ENOTEMPTY):
            return False
        raise
    fsync_dir(target.parent)
    return True


def remove_dir(directory: Path) -> None:
    """Rename the session aside first, so readers see the whole session or none of it, then delete it."""
    trash = directory.parent / f"{TRASH_PREFIX}{uuid.uuid4().hex}"
    os.rename(directory, trash)
    fsync_dir(directory.parent)
    shutil.rmtree(trash, ignore_errors=True)  # invisible already; purge_expired retries leftovers


def remove_if_expired(directory: Path, now: float) -> bool:
    """Remove the session in `directory` if it has expired at `now`; True if this call removed it."""
    try:
        with locked(directory):
            if not records.read_session(directory / SESSION_NAME).expired(now):
                return False
            remove_dir(directory)
            return True
    except SessionNotFound:  # deleted by someone else meanwhile
        return False


def session_dirs(root: Path) -> list[Path]:
    """The session directories under `root`; staging and trash names start with '.', which ids cannot."""
    with os.scandir(root) as entries:
        return [Path(entry.path) for entry in entries if not entry.name.startswith(".") and entry.is_dir()]


def clean_leftovers(root: Path) -> None:
    """Delete trash left by an interrupted delete, and staging directories of creates that crashed.

    Staging age is judged by file mtime against the wall clock (both real time, unlike session
    expiry, which follows the store's clock); a create in progress is far younger than the limit.
    """
    with os.scandir(root) as entries:
        names = [entry.name for entry in entries if entry.name.startswith((TRASH_PREFIX, STAGING_PREFIX))]
    for name in names:
        path = root / name
        try:
            stale = time.time() - path.stat().st_mtime > STALE_STAGING_SECONDS
        except FileNotFoundError:
            continue
        if name.startswith(TRASH_PREFIX) or stale:
            shutil.rmtree(path, ignore_errors=True)
