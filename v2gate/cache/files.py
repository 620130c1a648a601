"""Reading and writing cache packs: a checksummed JSON body, replaced atomically."""

from __future__ import annotations

import hashlib
import json
import os
import time
from pathlib import Path
from typing import Any

PACK_FORMAT = 1
PACK_GLOB = "measurements-*.json"
# Packs of other gate versions (or other Python versions) unused this long are deleted.
STALE_SECONDS = 3600.0


def checksum(body: str) -> str:
    """The hash that proves a pack body is the one its writer wrote (not truncated, not edited)."""
    return hashlib.blake2b(body.encode("utf-8"), digest_size=16).hexdigest()


def read_pack(path: Path) -> tuple[dict[str, Any], dict[str, list[Any]], dict[str, Any]] | None:
    """(entries, index, depths) of a valid pack, else None (missing, truncated, edited, foreign).

    `depths` is the resolved inheritance section (`v2gate.cache.depths`); {} when absent.
    """
    try:
        head, _, body = path.read_text(encoding="utf-8").partition("\n")
        meta = json.loads(head)
        if meta.get("format") != PACK_FORMAT or meta.get("checksum") != checksum(body):
            return None
        data = json.loads(body)
    except (OSError, ValueError, AttributeError):
        return None
    if not isinstance(data, dict):
        return None
    entries, index, depths = data.get("entries"), data.get("index"), data.get("depths", {})
    if not isinstance(entries, dict) or not isinstance(index, dict) or not isinstance(depths, dict):
        return None
    return entries, index, depths


def write_atomic(path: Path, text: str) -> None:
    """Create the cache directory (with its `.gitignore`) and replace `path` in one step."""
    directory = path.parent
    directory.mkdir(parents=True, exist_ok=True)
    ignore = directory / ".gitignore"
    if not ignore.exists():
        _replace(ignore, "# created by quality-gates: this directory is a cache\n*\n")
    _replace(path, text)


def _replace(path: Path, text: str) -> None:
    """Write `text` to a temporary file beside `path`, then rename it over `path`."""
    import tempfile  # only a run that writes the cache pays for it

    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
        os.chmod(temporary, 0o644)  # mkstemp's 0600 would lock out teammates sharing a cache
        os.replace(temporary, path)
    except BaseException:
        os.unlink(temporary)
        raise


def prune_packs(keep: Path) -> None:
    """Delete packs beside `keep` that no run has written for STALE_SECONDS (best effort)."""
    cutoff = time.time() - STALE_SECONDS
    for pack in keep.parent.glob(PACK_GLOB):
        try:
            if pack != keep and pack.stat().st_mtime < cutoff:
                pack.unlink()
        except OSError:
            pass  # another run removed it first, or it is not ours to remove
