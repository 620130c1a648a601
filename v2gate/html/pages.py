"""What the HTML pages show, as plain records: one `FilePage` per checked file, built from a run."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from v2gate.config.settings import Settings, limits_for
from v2gate.evaluate.rules import LIMIT_RULES
from v2gate.inheritance.depth import Depth
from v2gate.records import FileMetrics
from v2gate.report import FileSummary, display_path
from v2gate.run.pipeline import RunDetail
from v2gate.violation import Violation

# The six metrics of a file's row, in rule order: (config key, FileSummary field).
METRICS = (
    ("max-file-lines", "lines"),
    ("max-functions", "functions"),
    ("max-classes", "classes"),
    ("max-complexity", "max_complexity"),
    ("max-parameters", "max_parameters"),
    ("max-inheritance-depth", "max_inheritance_depth"),
)
CODES = {rule.key: rule.code for rule in LIMIT_RULES}


@dataclass(frozen=True, slots=True)
class Definition:
    """A function or class of a file with its measured values (None: not a metric of its kind)."""

    kind: str
    symbol: str
    line: int
    complexity: int | None
    parameters: int | None
    depth: int | None


@dataclass(frozen=True, slots=True)
class FilePage:
    """One checked file: its summary row, limits, definitions, violations and source lines."""

    number: int
    summary: FileSummary
    limits: Mapping[str, int]
    definitions: tuple[Definition, ...]
    violations: tuple[Violation, ...]
    source: tuple[str, ...]

    @property
    def href(self) -> str:
        """The file's page, relative to the site's root."""
        return f"files/{self.number:05d}.html"

    def value(self, key: str) -> int:
        """The file's value of the metric a limit key limits."""
        return int(getattr(self.summary, dict(METRICS)[key]))

    def ratio(self, key: str) -> float:
        """value / limit for one metric (a limit of 0 makes any value infinitely over)."""
        limit = self.limits[key]
        value = self.value(key)
        return value / limit if limit else (float("inf") if value else 0.0)

    @property
    def worst(self) -> float:
        """The worst ratio of any metric to its limit (a file that cannot be parsed counts as 2)."""
        if self.summary.error is not None:
            return 2.0
        return max(self.ratio(key) for key, _ in METRICS)


def _definitions(metrics: FileMetrics, depths: tuple[Depth, ...]) -> tuple[Definition, ...]:
    functions = [
        Definition("function", item.symbol, item.line, item.complexity, item.parameters, None)
        for item in metrics.functions
    ]
    classes = [
        Definition("class", item.symbol, item.line, None, None, depth.depth)
        for item, depth in zip(metrics.classes, depths, strict=False)
    ]
    return tuple(sorted(functions + classes, key=lambda item: item.line))


def _source(path: Path) -> tuple[str, ...]:
    """The file's lines as text (undecodable bytes replaced; unreadable: no lines)."""
    try:
        return tuple(path.read_bytes().decode("utf-8", errors="replace").splitlines())
    except OSError:
        return ()


def file_pages(detail: RunDetail, settings: Settings, cwd: Path) -> tuple[FilePage, ...]:
    """One page per checked file, in report order (by display path)."""
    by_path: dict[str, list[Violation]] = {}
    for found in detail.report.violations:
        by_path.setdefault(found.path, []).append(found)
    rows = {row.path: row for row in detail.report.files}
    shown = sorted((display_path(path, cwd), path) for path in detail.checked)
    return tuple(
        FilePage(
            number=number,
            summary=rows[display],
            limits=dict(limits_for(settings, path)),
            definitions=_definitions(detail.metrics[path], detail.depths[path]),
            violations=tuple(by_path.get(display, ())),
            source=_source(path),
        )
        for number, (display, path) in enumerate(shown)
    )
