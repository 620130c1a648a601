"""Reading and writing cache packs: a checksummed JSON body, replaced atomically."""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

PACK_FORMAT = 1
PACK_GLOB = "measurements-*.json"
# Packs of other gate versions (or other Python versions) unused this long are deleted.
STALE_SECONDS = 3600.0


_DIGEST_SIZE = 16
# The bytes of a pack body are written a piece at a time: a pack of the standard library is
# ~7.5 MB of JSON, and holding it whole (as text, then encoded, then joined to its head) was
# the peak memory of a warm run that rewrote it.
_ENCODE = json.JSONEncoder(separators=(",", ":")).encode


def checksum(body: str | bytes | memoryview) -> str:
    """The hash that proves a pack body is the one its writer wrote (not truncated, not edited)."""
    data = body.encode("utf-8") if isinstance(body, str) else body
    return hashlib.blake2b(data, digest_size=_DIGEST_SIZE).hexdigest()


def _head(digest: str) -> bytes:
    """The first line of a pack (its length does not depend on the digest)."""
    return json.dumps({"format": PACK_FORMAT, "checksum": digest}).encode("ascii") + b"\n"


def _body_pieces(pack: dict[str, dict[str, Any]]) -> Iterator[bytes]:
    """The JSON of `pack` (an object of objects), one member at a time."""
    for number, (section, members) in enumerate(pack.items()):
        yield (b"{" if number == 0 else b",") + _ENCODE(section).encode("ascii") + b":{"
        for index, (key, value) in enumerate(members.items()):
            separator = b"," if index else b""
            yield separator + _ENCODE(key).encode("ascii") + b":" + _ENCODE(value).encode("ascii")
        yield b"}"
    yield b"}"


def read_pack(path: Path) -> tuple[dict[str, Any], dict[str, list[Any]], dict[str, Any]] | None:
    """(entries, index, depths) of a valid pack, else None (missing, truncated, edited, foreign).

    `depths` is the resolved inheritance section (`v2gate.cache.depths`); {} when absent.
    """
    try:
        raw = path.read_bytes()
        start = raw.index(b"\n") + 1
        meta = json.loads(raw[:start])
        if meta.get("format") != PACK_FORMAT or meta.get("checksum") != checksum(memoryview(raw)[start:]):
            return None
        text = raw.decode("utf-8")
        del raw  # one copy of the pack at a time: the body is decoded in place
        data, end = json.JSONDecoder().raw_decode(text, start)
        if text[end:].strip():
            return None
    except (OSError, ValueError, AttributeError, TypeError):
        return None
    if not isinstance(data, dict):
        return None
    entries, index, depths = data.get("entries"), data.get("index"), data.get("depths", {})
    if not isinstance(entries, dict) or not isinstance(index, dict) or not isinstance(depths, dict):
        return None
    return entries, index, depths


def write_pack(path: Path, pack: dict[str, dict[str, Any]]) -> None:
    """Create the cache directory (with its `.gitignore`) and replace the pack at `path` in
    one step: the body is written piece by piece, then the head with the body's checksum."""
    directory = path.parent
    directory.mkdir(parents=True, exist_ok=True)
    ignore = directory / ".gitignore"
    if not ignore.exists():
        _replace(
            ignore, lambda stream: stream.write(b"# created by quality-gates: this directory is a cache\n*\n")
        )
    _replace(path, lambda stream: _write_pack(stream, pack))


def _write_pack(stream: BinaryIO, pack: dict[str, dict[str, Any]]) -> None:
    """A placeholder head, the body (hashed as it is written), then the real head over it."""
    stream.write(_head("0" * 2 * _DIGEST_SIZE))
    hasher = hashlib.blake2b(digest_size=_DIGEST_SIZE)
    for piece in _body_pieces(pack):
        hasher.update(piece)
        stream.write(piece)
    stream.seek(0)
    stream.write(_head(hasher.hexdigest()))


def _replace(path: Path, write: Callable[[BinaryIO], object]) -> None:
    """Write a temporary file beside `path` with `write`, then rename it over `path`."""
    import tempfile  # only a run that writes the cache pays for it

    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            write(stream)
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
