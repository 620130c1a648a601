"""The project as the editor sees it: files on disk (the measurement cache) with the open
documents' in-memory text in their place, judged exactly as a run judges them."""

from __future__ import annotations

import datetime
import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path

from v2gate.baseline.request import BaselineRequest
from v2gate.baseline.run import BaselinePlan, finish_baseline, plan_baseline
from v2gate.config.load import load_settings
from v2gate.config.settings import Settings, limits_for
from v2gate.discover import discover
from v2gate.evaluate.accountable import SuppressionPolicy
from v2gate.evaluate.judge import evaluate_file, summarize
from v2gate.evaluate.subject import Subject
from v2gate.measure.source import measure_source
from v2gate.records import FileMetrics
from v2gate.report import Report, display_path
from v2gate.run.batch import MeasureOptions, cache_dir_for
from v2gate.run.pipeline import measure_files, resolve_depths
from v2gate.run.scope import project_files
from v2gate.violation import Violation


def _key(path: Path) -> Path:
    return Path(os.path.realpath(path))


@dataclass
class Project:
    """The settings found from `cwd` (as the CLI finds them), the disk's measurements and the
    open documents' text; `baseline` (relative to `cwd`) hides what it records, as `--baseline`."""

    cwd: Path
    baseline: str | None = None
    settings: Settings = field(init=False)
    _disk: dict[Path, FileMetrics] | None = field(default=None, init=False)
    _open: dict[Path, tuple[bytes, FileMetrics]] = field(default_factory=dict, init=False)

    def __post_init__(self) -> None:
        self.reload()

    def reload(self) -> None:
        """Read the configuration again and forget what was measured on disk."""
        self.settings = load_settings(self.cwd, None)
        self._disk = None

    def forget(self, paths: list[Path]) -> None:
        """Files changed on disk (watched files): measure the project again on the next request."""
        if any(path.name in {"pyproject.toml", "quality-gates.toml"} for path in paths):
            self.reload()
        self._disk = None

    def edit(self, path: Path, text: str) -> None:
        """The editor's current text of `path` (measured now, unless it did not change)."""
        data = text.encode("utf-8")
        known = self._open.get(_key(path))
        if known is None or hashlib.sha1(known[0]).digest() != hashlib.sha1(data).digest():
            self._open[_key(path)] = (data, measure_source(data))

    def close(self, path: Path) -> None:
        """The editor closed `path`: the disk's contents count again."""
        self._open.pop(_key(path), None)

    def metrics(self) -> dict[Path, FileMetrics]:
        """Every project file's metrics, open documents from their text."""
        if self._disk is None:
            files = [_key(path) for path in project_files(self.settings)]
            cache = cache_dir_for(self.settings.root, self.cwd, None)
            self._disk = measure_files(files, MeasureOptions(jobs=1, cache_dir=cache)).metrics
        return {**self._disk, **{path: known[1] for path, known in self._open.items()}}

    def check(self, path: Path) -> list[Violation]:
        """The violations of `path` a run from `cwd` would report (suppressions and baseline applied)."""
        path = _key(path)
        measured = self.metrics()
        if path not in measured or not self._checked(path):
            return []  # excluded: the CLI would not check it either
        subject = Subject(
            display_path(path, self.cwd), measured[path], resolve_depths(self.settings, measured)[path]
        )
        policy = SuppressionPolicy(datetime.date.today(), self.settings.require_reason)
        kept, silenced = evaluate_file(subject, limits_for(self.settings, path), policy=policy)
        report = Report.build([summarize(subject)], kept, silenced)
        return list(finish_baseline(self.baseline_plan(), report, self.cwd).violations)

    def _checked(self, path: Path) -> bool:
        """A project file, or one the include leaves out but the excludes keep (as when named to the CLI)."""
        if (self._disk is not None and path in self._disk) or not path.exists():
            return True  # a project file, or a new one not saved yet
        return bool(discover([path], root=self.settings.root, exclude=self.settings.exclude).files)

    def baseline_plan(self) -> BaselinePlan | None:
        """The configured baseline, read now (None: none configured)."""
        if self.baseline is None:
            return None
        return plan_baseline(BaselineRequest(apply=self.baseline), self.cwd)
