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

from v2gate.cache.codec import encode_tables
from v2gate.cache.key import cache_fingerprint
from v2gate.cache.store import MeasurementCache
from v2gate.config.settings import Settings, limits_for_many
from v2gate.evaluate.accountable import SuppressionPolicy
from v2gate.evaluate.judge import evaluate_file
from v2gate.evaluate.limits import Limits
from v2gate.evaluate.subject import Subject
from v2gate.history.blobs import Blobs, Scope
from v2gate.history.git import Commit, first_parent_commits, top_level
from v2gate.history.store import load_points, save_points
from v2gate.inheritance.depth import Depth
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


def _same_tables(before: dict[Path, str], now: dict[Path, str], known: dict[str, FileMetrics]) -> bool:
    """True when inheritance resolution would read the same: same files, same class and import records."""
    if before.keys() != now.keys():
        return False
    changed = (path for path, blob in now.items() if before[path] != blob)
    return all(encode_tables(known[now[path]]) == encode_tables(known[before[path]]) for path in changed)


def settings_key(settings: Settings) -> str:
    """What the recorded totals depend on: the settings and the gate's version."""
    return hashlib.blake2b(f"{settings!r}|{cache_fingerprint()}".encode(), digest_size=16).hexdigest()


def _point(
    commit: Commit,
    measured: dict[Path, FileMetrics],
    depths: dict[Path, tuple[Depth, ...]],
    settings: Settings,
) -> Point:
    """Judge one commit's files as a run would."""
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
    cache_dir: Path | None,
    *,
    since: str | None = None,
    max_commits: int | None = None,
    jobs: int = 1,
) -> History:
    """The points of the branch's first-parent commits (`since`..HEAD, or the newest `max_commits`)."""
    top = top_level(settings.root)
    commits = first_parent_commits(top, since, max_commits)
    key = settings_key(settings)
    recorded = load_points(cache_dir, key)
    cache = MeasurementCache.open(cache_dir / "history") if cache_dir is not None else None
    todo = [commit for commit in commits if commit.sha not in recorded]
    blobs = Blobs(cache, jobs)
    trees = blobs.read_trees(
        top, [commit.sha for commit in todo], Scope(settings, _prefix(settings.root, top))
    )
    resolver = _Depths(blobs.known)
    for commit in todo:
        measured = {path: blobs.known[blob] for path, blob in trees[commit.sha].items()}
        depths = resolver.of(trees[commit.sha], measured, settings)
        recorded[commit.sha] = asdict(_point(commit, measured, depths, settings))
    new = len(todo)
    if cache is not None and new:
        cache.save()
    save_points(cache_dir, key, recorded)
    points = tuple(_from_data(recorded[commit.sha]) for commit in commits)
    return History(points, new, blobs.parsed)


@dataclass(slots=True)
class _Depths:
    """The last commit's depths, resolved again only when a commit's class tables differ from the
    previous commit's (most commits leave every class as it was)."""

    known: dict[str, FileMetrics]
    tree: dict[Path, str] = field(default_factory=dict)
    depths: dict[Path, tuple[Depth, ...]] = field(default_factory=dict)

    def of(
        self, tree: dict[Path, str], measured: dict[Path, FileMetrics], settings: Settings
    ) -> dict[Path, tuple[Depth, ...]]:
        if not self.tree or not _same_tables(self.tree, tree, self.known):
            self.depths = resolve_depths(settings, measured)
        self.tree = tree
        return self.depths


def _prefix(root: Path, top: Path) -> str:
    """The project root relative to the repository's top ("" when they are the same)."""
    relative = root.resolve().relative_to(top.resolve()).as_posix()
    return "" if relative == "." else relative


def _from_data(data: dict[str, Any]) -> Point:
    return Point(**data)
