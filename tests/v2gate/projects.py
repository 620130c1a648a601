"""The one helper that writes a test project: {relative path: text} files under a root."""

from __future__ import annotations

from pathlib import Path


def write_project(root: Path, files: dict[str, str]) -> Path:
    """Write `files` ({relative path: text}, UTF-8) under `root`, creating folders; returns `root`."""
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root
