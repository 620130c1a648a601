"""A commit's checked files, read from git as blobs; each distinct blob measured (or found in the
history's measurement pack, by content hash) once."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path

from v2gate.cache.store import MeasurementCache, content_digest
from v2gate.config.settings import Settings
from v2gate.discover import is_excluded
from v2gate.history.git import BlobReader, python_blobs
from v2gate.measure.source import measure_source
from v2gate.records import FileMetrics


@dataclass(frozen=True, slots=True)
class Scope:
    """Which files of a commit are checked: the settings, and the project root's place in the repository."""

    settings: Settings
    prefix: str


@dataclass(slots=True)
class Blobs:
    """Blob hash -> metrics: each distinct blob read once, found in the pack or measured once."""

    cache: MeasurementCache | None
    jobs: int = 1
    known: dict[str, FileMetrics] = field(default_factory=dict)
    parsed: int = 0

    def read_trees(self, top: Path, commits: list[str], scope: Scope) -> dict[str, dict[Path, str]]:
        """{commit: {checked path: blob}} of each commit, with every blob of them known."""
        trees = {sha: _tree(top, sha, scope) for sha in commits}
        reader = BlobReader(top)
        try:
            data = {
                blob: reader.read(blob)
                for blob in sorted(
                    {blob for tree in trees.values() for blob in tree.values()} - self.known.keys()
                )
            }
        finally:
            reader.close()
        self._load(data)
        return trees

    def _load(self, data: dict[str, bytes]) -> None:
        """Take the pack's measurements of these blobs, measure the rest (in `jobs` processes when
        there are many)."""
        digests = {blob: content_digest(found) for blob, found in data.items()}
        missing = []
        for blob in data:
            cached = self.cache.by_content(digests[blob], lambda: None) if self.cache else None
            if cached is None:
                missing.append(blob)
            else:
                self.known[blob] = cached
        for blob, metrics in zip(
            missing, _measure_all([data[blob] for blob in missing], self.jobs), strict=True
        ):
            self.parsed += 1
            self.known[blob] = metrics
            if self.cache is not None:
                self.cache.by_content(digests[blob], functools.partial(_given, metrics))


def _given(metrics: FileMetrics) -> FileMetrics:
    return metrics


def _measure_all(sources: list[bytes], jobs: int) -> list[FileMetrics]:
    """`measure_source` of each, in `jobs` processes when that pays for their start."""
    if jobs == 1 or len(sources) < 64:
        return [measure_source(data) for data in sources]
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=jobs) as pool:
        return list(pool.map(measure_source, sources, chunksize=16))


def _included(settings: Settings, prefix: str, path: str) -> str | None:
    """The path relative to the project root when the settings check it, else None."""
    if prefix and not path.startswith(prefix + "/"):
        return None
    relative = path[len(prefix) + 1 :] if prefix else path
    roots = [entry.strip("/") for entry in settings.include]
    if not any(
        entry in {"", "."} or relative == entry or relative.startswith(entry + "/") for entry in roots
    ):
        return None
    root = str(settings.root)
    return None if is_excluded(f"{root}/{relative}", root=root, exclude=settings.exclude) else relative


def _tree(top: Path, sha: str, scope: Scope) -> dict[Path, str]:
    """{path of a checked file: its blob} of one commit."""
    tree = {}
    for path, blob in python_blobs(top, sha).items():
        relative = _included(scope.settings, scope.prefix, path)
        if relative is not None:
            tree[scope.settings.root / relative] = blob
    return tree
