"""What the command does once the options are parsed: settings -> run -> formatters -> exit code."""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

import click

from v2gate.cli.options import CliOptions
from v2gate.cli.show_config import render_config
from v2gate.config.load import load_settings
from v2gate.errors import GateError
from v2gate.formatters import get_formatter
from v2gate.formatters.statistics import format_statistics, statistics_to_stderr
from v2gate.records import Failure
from v2gate.report import Report, display_path

if TYPE_CHECKING:
    from v2gate.config.settings import Settings
    from v2gate.run.pipeline import RunOptions


def execute(options: CliOptions) -> int:
    """Run the gate for parsed options; GateError propagates to `cli.main` (exit 2)."""
    cwd = Path.cwd()
    config = cwd / options.config if options.config is not None else None
    settings = load_settings(cwd, config, options.limits)
    if options.show_config is not None:
        target = cwd / options.show_config if options.show_config else None
        click.echo(render_config(settings, target, cwd), nl=False)
        return 0
    from v2gate.run.pipeline import run  # the parsing stack loads only for a real run

    _check_rewrite_flags(options)
    baseline = _baseline_step(options, cwd)  # a bad baseline fails before the long run
    run_options = _run_options(options, settings, cwd)
    report = _add_noqa(run_options, options) if options.add_noqa else run(run_options)
    if not options.report_suppressed:
        report = replace(report, suppressed=None)
    report = baseline(report)
    for name, output in options.formats:
        _emit(report, name, output)
    _emit_statistics(report, options)
    return 0 if report.passed or options.exit_zero else 1


def _run_options(options: CliOptions, settings: Settings, cwd: Path) -> RunOptions:
    """What the run needs from the options: paths, processes, cache and `--debug`."""
    from v2gate.run.batch import cache_dir_for
    from v2gate.run.pipeline import RunOptions
    from v2gate.run.workers import default_jobs

    return RunOptions(
        settings=settings,
        paths=tuple(Path(path) for path in options.paths),
        cwd=cwd,
        suppress=options.suppress,
        jobs=options.jobs or default_jobs(),
        cache_dir=cache_dir_for(settings.root, cwd, options.cache_dir, options.use_cache),
        on_internal_error=_show_traceback if options.debug else None,
    )


def _show_traceback(path: Path, failure: Failure) -> None:
    """`--debug`: the traceback of an internal error that failed `path` (a V200 in the report)."""
    where = display_path(path, Path.cwd())
    click.echo(f"{where}: internal error while measuring:\n{failure.traceback}", nl=False, err=True)


def _check_rewrite_flags(options: CliOptions) -> None:
    """--reason needs --add-noqa; --add-noqa writes comments for what a run without a baseline finds."""
    if options.reason is not None and not options.add_noqa:
        raise click.UsageError("--reason is only used with --add-noqa")
    if options.add_noqa and (options.baseline.given or not options.suppress):
        raise click.UsageError("--add-noqa cannot be combined with a baseline flag or --no-suppress")


def _add_noqa(run_options: RunOptions, options: CliOptions) -> Report:
    """Write the suppression comments (libcst loads only here), say what was done, return the last run's report."""
    from v2gate.rewrite.comments import check_reason

    try:
        from v2gate.rewrite.files import add_noqa
    except ImportError as exc:
        if not (exc.name or "").startswith("libcst"):
            raise
        raise GateError(
            f"--add-noqa needs libcst, which cannot be imported ({exc}); install 'libcst>=1.4'"
        ) from exc

    report, result = add_noqa(run_options, check_reason(options.reason))
    noun = "comment" if result.added == 1 else "comments"
    click.echo(f"Added {result.added} suppression {noun} to {len(result.files)} file(s).", err=True)
    for path, note in sorted(result.notes.items()):
        click.echo(f"{path}: {note}.", err=True)
    return report


def _baseline_step(options: CliOptions, cwd: Path) -> Callable[[Report], Report]:
    """Read the baseline now and return what applies it to the report (nothing without flags)."""
    if not options.baseline.given:
        return lambda report: report  # the baseline modules load only when a flag asks for them
    from v2gate.baseline.run import finish_baseline, plan_baseline

    plan = plan_baseline(options.baseline, cwd)
    return lambda report: finish_baseline(plan, report, cwd)


def _emit_statistics(report: Report, options: CliOptions) -> None:
    """`--statistics`: after the report on stdout, or on stderr when stdout holds JSON/XML/...."""
    if options.statistics:
        click.echo(format_statistics(report), nl=False, err=statistics_to_stderr(options.formats))


def _emit(report: Report, name: str, output: str | None) -> None:
    """Write one rendering: to `output` (never coloured), else to stdout (coloured on a TTY)."""
    formatter = get_formatter(name)
    if output is None:
        color = sys.stdout.isatty()
        click.echo(formatter(report, color=color), nl=False, color=color)
        return
    try:
        Path(output).write_text(formatter(report, color=False), encoding="utf-8")
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise GateError(f"cannot write the report to {output}: {reason}; check the path") from exc
