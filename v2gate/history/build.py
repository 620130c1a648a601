"""Measure each commit of the branch: blobs from git, each distinct blob measured once, then judged.

A commit's files are the `.py` files of its tree that the current settings include (the settings
of the work tree, not of each commit); their measurements come from the measurement pack by
content hash where it can, from the parser otherwise. Then inheritance is resolved and every file
judged as a run would, and the commit's totals per rule are kept.
"""

from __future__ import annotations

import datetime
import hashlib
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from v2gate.cache.key import cache_fingerprint
from v2gate.cache.store import MeasurementCache, content_digest
from v2gate.config.settings import Settings, limits_for_many
from v2gate.discover import is_excluded
from v2gate.evaluate.accountable import SuppressionPolicy
from v2gate.evaluate.judge import evaluate_file
from v2gate.evaluate.limits import Limits
from v2gate.evaluate.subject import Subject
from v2gate.history.git import BlobReader, Commit, first_parent_commits, python_blobs, top_level
from v2gate.history.store import load_points, save_points
from v2gate.measure.source import measure_source
from v2gate.records import FileMetrics
from v2gate.run.pipeline import resolve_depths


@dataclass(frozen=True, slots=True)
class Point:
    """One commit's totals: `totals` maps each rule code to its violations (zeros included)."""

    sha: str
    date: str
    author_date: str
    subject: str
    files: int
    lines: int
    totals: dict[str, int]


@dataclass(frozen=True, slots=True)
class History:
    """The points, oldest first; `new` how many commits this run evaluated, `parsed` how many blobs it parsed."""

    points: tuple[Point, ...]
    new: int
    parsed: int


@dataclass(slots=True)
class _Blobs:
    """Blob hash -> metrics, each distinct blob measured (or found in the pack) once per run."""

    reader: BlobReader
    cache: MeasurementCache | None
    known: dict[str, FileMetrics] = field(default_factory=dict)
    parsed: int = 0

    def metrics(self, blob: str) -> FileMetrics:
        found = self.known.get(blob)
        if found is None:
            data = self.reader.read(blob)
            found = self.known[blob] = self._measure(data)
        return found

    def _measure(self, data: bytes) -> FileMetrics:
        def parse() -> FileMetrics:
            self.parsed += 1
            return measure_source(data)

        return parse() if self.cache is None else self.cache.by_content(content_digest(data), parse)


def settings_key(settings: Settings) -> str:
    """What the recorded totals depend on: the settings and the gate's version."""
    return hashlib.blake2b(f"{settings!r}|{cache_fingerprint()}".encode(), digest_size=16).hexdigest()


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


def _point(commit: Commit, measured: dict[Path, FileMetrics], settings: Settings) -> Point:
    """Judge one commit's files as a run would."""
    depths = resolve_depths(settings, measured)
    counts: Counter[str] = Counter()
    limits: dict[tuple[int, ...], Limits] = {}
    policy = SuppressionPolicy(datetime.date.fromisoformat(commit.date[:10]), settings.require_reason)
    for path, metrics in measured.items():
        subject = Subject(path.relative_to(settings.root).as_posix(), metrics, depths[path])
        kept, _ = evaluate_file(subject, limits_for_many(settings, path, limits), policy=policy)
        counts.update(found.code for found in kept)
    totals = {code: counts.get(code, 0) for code in sorted({*counts, *CODES})}
    lines = sum(metrics.lines for metrics in measured.values())
    return Point(commit.sha, commit.date, commit.author_date, commit.subject, len(measured), lines, totals)


CODES = ("V200", "V201", "V202", "V203", "V204", "V205", "V206")


def build_history(
    settings: Settings,
    cwd: Path,
    cache_dir: Path | None,
    *,
    since: str | None = None,
    max_commits: int | None = None,
) -> History:
    """The points of the branch's first-parent commits (`since`..HEAD, or the newest `max_commits`)."""
    top = top_level(cwd)
    commits = first_parent_commits(top, since, max_commits)
    key = settings_key(settings)
    recorded = load_points(cache_dir, key)
    root = Path(str(settings.root))
    prefix = "" if root.resolve() == top.resolve() else root.resolve().relative_to(top.resolve()).as_posix()
    cache = MeasurementCache.open(cache_dir / "history") if cache_dir is not None else None
    blobs = _Blobs(BlobReader(top), cache)
    new = 0
    try:
        for commit in commits:
            if commit.sha in recorded:
                continue
            files = {}
            for path, blob in python_blobs(top, commit.sha).items():
                relative = _included(settings, prefix, path)
                if relative is not None:
                    files[root / relative] = blobs.metrics(blob)
            recorded[commit.sha] = asdict(_point(commit, files, settings))
            new += 1
    finally:
        blobs.reader.close()
    if cache is not None and new:
        cache.save()
    save_points(cache_dir, key, recorded)
    points = tuple(_from_data(recorded[commit.sha]) for commit in commits)
    return History(points, new, blobs.parsed)


def _from_data(data: dict[str, Any]) -> Point:
    return Point(**data)
