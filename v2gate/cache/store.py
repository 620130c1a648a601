"""The measurement cache: FileMetrics keyed by a hash of each file's bytes, one JSON pack per run.

Layout: `<cache dir>/.gitignore` (`*`) and `<cache dir>/measurements-<fingerprint>.json`,
where the fingerprint covers everything that can change a measurement (see
`cache_fingerprint`). A pack holds `entries` (content digest -> metrics row) and `index`
(path -> size, mtime_ns, inode, digest) so a warm run stats files instead of reading and
hashing them, and `depths` (the project's resolved inheritance depths under a key over every
file's path and digest, see `v2gate.cache.depths`). One pack per run was measured faster than one file per entry for a warm run
(one read and one `json.loads` instead of ~900 opens; see README "Speed").

Safety: a pack is written to a temporary file in the same directory and moved into place
with `os.replace`, so concurrent runs never see half a file (the last writer wins, and each
writer's pack is complete for its own files). A pack that is truncated, edited, from another
fingerprint, or otherwise unreadable is ignored and rebuilt; its checksum covers the body.
Only verdict-free measurements are stored, so changing limits never needs a flush.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from v2gate.cache.codec import CorruptEntry, decode_metrics, encode_metrics
from v2gate.cache.files import prune_packs, read_pack, write_pack
from v2gate.cache.key import cache_fingerprint
from v2gate.records import FileMetrics

CACHE_DIR_NAME = ".quality_gates_cache"
# A file modified this close to the run may change again within the same mtime tick without
# changing its size; its stat is then not trusted next time (git's "racily clean" rule).
RACY_SECONDS = 2.0

StatKey = tuple[int, int, int]


def content_digest(data: bytes) -> str:
    """The cache key of a file's bytes."""
    return hashlib.blake2b(data, digest_size=20).hexdigest()


def stat_key(stat: os.stat_result) -> StatKey:
    """What must be unchanged for a file's bytes to be assumed unchanged."""
    return (stat.st_size, stat.st_mtime_ns, stat.st_ino)


@dataclass
class CacheStats:
    """What the cache did in one run (tests read these instead of timing anything)."""

    hits: int = 0
    misses: int = 0
    hashed: int = 0  # files read and hashed because their stat was not in the index
    measured: int = 0  # files parsed (cache misses, or every file without a cache)
    depths_resolved: int = 0  # inheritance resolved from the class tables (0: reused from the pack)


@dataclass
class MeasurementCache:
    """One run's view of a pack: look up files, add new measurements, save once at the end.

    `depths` is the pack's inheritance section as read; `new_depths` what this run saves
    (`v2gate.cache.depths` fills it: the same section when it was reused, else a new one).
    """

    path: Path
    entries: dict[str, Any] = field(default_factory=dict)
    index: dict[str, list[Any]] = field(default_factory=dict)
    depths: dict[str, Any] = field(default_factory=dict)
    new_depths: dict[str, Any] = field(default_factory=dict)
    stats: CacheStats = field(default_factory=CacheStats)
    _used: dict[str, Any] = field(default_factory=dict)
    _new_index: dict[str, list[Any]] = field(default_factory=dict)
    _measured: bool = False
    _started: float = field(default_factory=time.time)

    @classmethod
    def open(cls, directory: Path) -> MeasurementCache:
        """The pack for this gate in `directory` (empty when missing, foreign or corrupted)."""
        path = directory / f"measurements-{cache_fingerprint()}.json"
        cache = cls(path)
        body = read_pack(path)
        if body is not None:
            cache.entries, cache.index, cache.depths = body
        return cache

    def lookup(self, path: Path, stat: os.stat_result) -> FileMetrics | None:
        """The cached metrics of `path` (whose `stat` was taken first), or None."""
        name = str(path)
        known = self.index.get(name)
        digest = None
        if isinstance(known, list) and len(known) == 4 and known[:3] == list(stat_key(stat)):
            digest = known[3] if isinstance(known[3], str) else None
        if digest is None:
            try:
                digest = content_digest(path.read_bytes())
            except OSError:
                return None  # the measurement step reports the unreadable file
            self.stats.hashed += 1
        metrics = self._decoded(digest)
        if metrics is None:
            self.stats.misses += 1
            return None
        self.stats.hits += 1
        self._remember(name, stat, digest)
        return metrics

    def add(self, path: Path, stat: os.stat_result, digest: str, metrics: FileMetrics) -> None:
        """Store the measurement of the bytes whose hash is `digest` (read after `stat`)."""
        self._used[digest] = encode_metrics(metrics)
        self._measured = True
        self._remember(str(path), stat, digest)

    def by_content(self, digest: str, measure: Callable[[], FileMetrics | None]) -> FileMetrics | None:
        """The metrics of bytes that are no file on disk (`history`'s git blobs), by their `digest`:
        from the pack, else `measure()`d and kept (None: not known, nothing kept; a failure from a
        bug of the gate is not kept either)."""
        metrics = self._decoded(digest)
        if metrics is not None:
            self.stats.hits += 1
            return metrics
        metrics = measure()
        if metrics is not None and (metrics.failure is None or metrics.failure.internal is None):
            self.stats.misses += 1
            self._used[digest] = encode_metrics(metrics)
            self._measured = True
        return metrics

    def digest(self, path: Path) -> str | None:
        """The content digest this run found for `path` (None: not looked up or not added)."""
        known = self._new_index.get(str(path))
        return None if known is None else known[3]

    def save(self) -> None:
        """Write this run's pack atomically; a failure to write only costs the next run time."""
        same_depths = self.new_depths is self.depths or self.new_depths == self.depths
        same_files = self._used.keys() == self.entries.keys() and self._new_index == self.index
        if not self._measured and same_depths and same_files:
            return  # nothing changed: a warm run writes nothing
        pack = {"entries": self._used, "index": self._new_index, "depths": self.new_depths}
        try:
            write_pack(self.path, pack)
        except OSError:
            return  # read-only checkout, full disk: the result is right, only slower next time
        prune_packs(self.path)

    def _decoded(self, digest: str) -> FileMetrics | None:
        """The entry for `digest`, kept for this run's pack; None if missing or unreadable."""
        row = self.entries.get(digest)
        if row is None:
            return None
        try:
            metrics = decode_metrics(row)
        except CorruptEntry:
            return None
        self._used[digest] = row
        return metrics

    def _remember(self, name: str, stat: os.stat_result, digest: str) -> None:
        """Index `name` by its stat, unless the file is too fresh for its stat to be trusted."""
        racy = stat.st_mtime_ns / 1e9 >= self._started - RACY_SECONDS
        self._new_index[name] = [-1, -1, -1, digest] if racy else [*stat_key(stat), digest]
