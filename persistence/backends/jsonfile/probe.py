"""Figures of a JSON-file store beyond the contract: expired sessions not purged yet, and bytes on disk."""

from __future__ import annotations

import os
from pathlib import Path

from persistence.backends.jsonfile import dirs, records
from persistence.backends.jsonfile.files import SESSION_NAME, guard_os_errors
from persistence.errors import SessionNotFound
from persistence.hooks import StorageFigures


def figures(root: Path, now: float) -> StorageFigures:
    """Expired sessions at `now`, and bytes of every file under `root`."""
    expired = 0
    for directory in dirs.session_dirs(root):
        try:
            expired += records.read_session(directory / SESSION_NAME).expired(now)
        except SessionNotFound:  # deleted while we counted
            continue
    size = 0
    for folder, _subdirs, names in os.walk(root):
        for name in names:
            try:
                size += os.lstat(os.path.join(folder, name)).st_size
            except FileNotFoundError:
                continue
    return StorageFigures(expired, size)


def missing(directory: str) -> str | None:
    """Why no JSON store is at `directory` (it is not a directory), or None if one is."""
    return None if Path(directory).is_dir() else "no such directory"


class Probe:
    """JsonStore's storage_figures (a base listed before StoreBase, so it implements the hook)."""

    root: Path

    @guard_os_errors
    def storage_figures(self, now: float) -> StorageFigures:
        """Expired sessions not purged yet, and bytes of every file under the root."""
        return figures(self.root, now)
