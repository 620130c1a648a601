"""The history file: each commit's totals, kept between runs so a second run measures only new commits.

One JSON file in the cache directory, replaced atomically; it belongs to one set of settings and
one gate version (`key`): when either changes, every commit is evaluated again (the blobs' measurements
still come from the measurement pack).
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

NAME = "history.json"


def load_points(directory: Path | None, key: str) -> dict[str, dict[str, Any]]:
    """{commit hash: its point as JSON data} recorded for `key`; empty when missing, foreign or corrupt."""
    if directory is None:
        return {}
    try:
        data = json.loads((directory / NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("key") != key or not isinstance(data.get("commits"), dict):
        return {}
    commits: dict[str, dict[str, Any]] = data["commits"]
    return commits


def save_points(directory: Path | None, key: str, points: dict[str, dict[str, Any]]) -> None:
    """Replace the history file in one step; a failure to write only costs the next run time."""
    if directory is None:
        return
    try:
        directory.mkdir(parents=True, exist_ok=True)
        ignore = directory / ".gitignore"
        if not ignore.exists():  # keep the work tree clean, as the measurement cache does
            ignore.write_text("# created by quality-gates: this directory is a cache\n*\n", encoding="utf-8")
        handle, temporary = tempfile.mkstemp(prefix=f".{NAME}.", suffix=".tmp", dir=directory)
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            json.dump({"key": key, "commits": points}, stream)
        os.chmod(temporary, 0o644)  # mkstemp's 0600 would lock out teammates sharing a cache
        os.replace(temporary, directory / NAME)
    except OSError:
        return
