"""How paths are shown: relative to the current directory, with `/` separators."""

from __future__ import annotations

import os
from pathlib import Path, PurePath


def display_path(path: Path, cwd: Path) -> str:
    """`path` relative to `cwd` (`../x.py` allowed); absolute posix when on another drive."""
    name, base = os.fspath(path), os.fspath(cwd)
    if (
        os.path.isabs(name)
        and name.startswith(base.rstrip(os.sep) + os.sep)
        and os.path.normpath(name) == name
    ):
        # The usual case, a normalised path below the cwd: relpath would only cut the prefix.
        relative = name[len(base.rstrip(os.sep)) + 1 :]
        return relative if os.sep == "/" else PurePath(relative).as_posix()
    try:
        relative = os.path.relpath(path, cwd)
    except ValueError:
        # Windows: no relative path between different drives.
        return PurePath(os.path.abspath(path)).as_posix()
    return PurePath(relative).as_posix()
