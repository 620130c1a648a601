"""Run the gate, keep its measurements, add `explain` for the worst definitions, write the site."""

from __future__ import annotations

from pathlib import Path

from v2gate.config.settings import Settings
from v2gate.explain.build import explain_target
from v2gate.explain.render import render
from v2gate.explain.target import TargetError
from v2gate.html.pages import file_pages
from v2gate.html.site import Site, write_site
from v2gate.run.pipeline import RunOptions, run_detailed
from v2gate.violation import Violation

EXPLAINED = 30  # `explain` re-reads the project; a report explains at most this many definitions


def _explained(
    violations: tuple[Violation, ...], settings: Settings, cwd: Path
) -> dict[tuple[str, int], str]:
    """The `explain` text of each violating definition (the first `EXPLAINED`), by (path, line)."""
    texts: dict[tuple[str, int], str] = {}
    for found in violations:
        if found.symbol is None or len(texts) >= EXPLAINED or (found.path, found.line) in texts:
            continue
        try:
            data = explain_target(f"{found.path}::{found.symbol}", settings, cwd)
        except TargetError:  # e.g. a symbol explain cannot name (a nested def): the page still shows the rest
            continue
        texts[found.path, found.line] = render(data, "text")
    return texts


def build_report(options: RunOptions, directory: Path) -> Site:
    """Check the files as a run does and write the site into `directory`."""
    detail = run_detailed(options)
    pages = file_pages(detail, options.settings, options.cwd)
    site = Site(
        report=detail.report,
        pages=pages,
        explained=_explained(detail.report.violations, options.settings, options.cwd),
        title=options.settings.root.name or str(options.settings.root),
    )
    write_site(site, directory)
    return site
