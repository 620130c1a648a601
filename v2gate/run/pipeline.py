"""The run pipeline: discover -> measure each project file once -> inheritance -> evaluate -> Report.

Measurement (`measure_files`) is the one step that touches file contents; it returns plain
records keyed by path, from the content-hash cache where it can and from worker processes
otherwise (v2gate.run.batch), so nothing downstream knows where a record came from.
"""

from __future__ import annotations

import datetime
import gc
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from v2gate.cache.depths import depths_with_cache
from v2gate.cache.store import CacheStats
from v2gate.config.settings import Settings, limits_for_many
from v2gate.evaluate.accountable import SuppressionPolicy
from v2gate.evaluate.judge import evaluate_file, summarize
from v2gate.evaluate.limits import Limits
from v2gate.evaluate.subject import Subject
from v2gate.inheritance.depth import Depth
from v2gate.inheritance.modules import ModuleName, is_src_layout, module_name
from v2gate.records import FileMetrics
from v2gate.report import FileSummary, Report, Suppressed, display_path
from v2gate.run.batch import Measured, MeasureOptions, measure_batch
from v2gate.run.bugs import OnInternalError
from v2gate.run.scope import checked_files, project_files
from v2gate.violation import Violation


@dataclass(frozen=True, slots=True)
class RunOptions:
    """One run: the settings, the given paths (empty: the configured include) and the cwd.

    `suppress` False ignores every suppression comment (`--no-suppress`). `jobs` is the
    number of processes that measure (1: this one); `cache_dir` None runs without a cache.
    `on_internal_error` is told of each file a bug of the gate failed (`--debug` shows it).
    `only` (`--diff`): resolved paths; a file outside it is not checked (but still measured
    for inheritance). `today` decides which suppressions have expired (None: today).
    """

    settings: Settings
    cwd: Path
    paths: tuple[Path, ...] = ()
    suppress: bool = True
    jobs: int = 1
    cache_dir: Path | None = None
    on_internal_error: OnInternalError | None = None
    only: frozenset[Path] | None = None
    today: datetime.date | None = None


def measure_files(
    paths: Sequence[Path], options: MeasureOptions | None = None, *, save: bool = True
) -> Measured:
    """Measure every file once (cache, then workers); never raises for a bad file (V200).

    `save` False: the caller saves the cache (`result.cache`) once it has added the depths.
    """
    # radon loads only in a process that parses a file (see v2gate.run.workers).
    return measure_batch(paths, options or MeasureOptions(), save=save)


def resolve_depths(settings: Settings, measured: Mapping[Path, FileMetrics]) -> dict[Path, tuple[Depth, ...]]:
    """Inheritance depth of every class, resolved across all measured files; `[path][i]` is class i."""
    # Loaded only when the pack holds no depths for this project state (see v2gate.cache.depths).
    from v2gate.inheritance.resolve import ClassTable, class_depths

    names = module_names(settings.root, measured)
    tables = {
        names[path].name: ClassTable.from_metrics(names[path], metrics) for path, metrics in measured.items()
    }
    depths = class_depths(tables, settings.ignore_bases)
    return {path: depths[names[path].name] for path in measured}


def module_names(root: Path, paths: Iterable[Path]) -> dict[Path, ModuleName]:
    """Each file's module name, unique: a clash gets a private name nothing can import."""
    names: dict[Path, ModuleName] = {}
    taken: set[str] = set()
    src_layout = is_src_layout(root)
    for path in paths:
        name = module_name(path, root, src_layout=src_layout)
        if name.name in taken:
            # e.g. a file outside the root named like a project module: neither may borrow
            # the other's classes.
            name = ModuleName(f"{name.name}<{path}>", name.is_package)
        taken.add(name.name)
        names[path] = name
    return names


@dataclass(frozen=True, slots=True)
class RunDetail:
    """A run's report with what it was judged from: each checked file's metrics and class depths."""

    report: Report
    checked: tuple[Path, ...]
    metrics: Mapping[Path, FileMetrics]
    depths: Mapping[Path, tuple[Depth, ...]]


def run_detailed(options: RunOptions) -> RunDetail:
    """`run`, keeping the measurements (for reports that show more than the verdict)."""
    try:
        return _run_measured(options)[2]
    finally:
        gc.unfreeze()


def run(options: RunOptions) -> Report:
    """Check the given files (or the configured include) against their limits."""
    return run_measured(options)[0]


def run_measured(options: RunOptions) -> tuple[Report, CacheStats]:
    """`run`, and what the cache did (how many files were parsed, hit, hashed)."""
    try:
        report, stats, _ = _run_measured(options)
        return report, stats
    finally:
        # Reading the cache hides the decoded records from the garbage collector for the run
        # (see v2gate.run.batch); hand everything back to it so a long-lived caller loses nothing.
        gc.unfreeze()


def _run_measured(options: RunOptions) -> tuple[Report, CacheStats, RunDetail]:
    """`run_measured` without the collector bookkeeping."""
    settings = options.settings
    project = project_files(settings)
    checked = checked_files(settings, options.paths) if options.paths else project
    if options.only is not None:
        checked = [path for path in checked if Path(os.path.realpath(path)) in options.only]
    # Discovery returns each file once, sorted: without given paths the project is the list.
    everything = sorted(set(project) | set(checked)) if options.paths else project
    batch = measure_files(
        everything,
        MeasureOptions(
            jobs=options.jobs, cache_dir=options.cache_dir, on_internal_error=options.on_internal_error
        ),
        save=False,
    )
    measured = batch.metrics
    depths = depths_with_cache(
        batch, settings.root, settings.ignore_bases, lambda: resolve_depths(settings, measured)
    )
    if batch.cache is not None:
        batch.cache.save()
    rows: list[FileSummary] = []
    violations: list[Violation] = []
    suppressed: list[Suppressed] = []
    limits: dict[tuple[int, ...], Limits] = {}
    policy = SuppressionPolicy(options.today or datetime.date.today(), settings.require_reason)
    for path in checked:
        subject = Subject(display_path(path, options.cwd), measured[path], depths[path])
        rows.append(summarize(subject))
        kept, silenced = evaluate_file(
            subject, limits_for_many(settings, path, limits), suppress=options.suppress, policy=policy
        )
        violations.extend(kept)
        suppressed.extend(silenced)
    report = Report.build(rows, violations, suppressed)
    return report, batch.stats, RunDetail(report, tuple(checked), measured, depths)
