"""What the command does once the options are parsed: settings -> run -> formatters -> exit code."""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import click

from v2gate.cli.options import CliOptions
from v2gate.cli.show_config import render_config
from v2gate.config.load import load_settings
from v2gate.errors import GateError
from v2gate.formatters import get_formatter
from v2gate.formatters.statistics import format_statistics, statistics_to_stderr
from v2gate.report import Report


def execute(options: CliOptions) -> int:
    """Run the gate for parsed options; GateError propagates to `cli.main` (exit 2)."""
    cwd = Path.cwd()
    config = cwd / options.config if options.config is not None else None
    settings = load_settings(cwd, config, options.limits)
    if options.show_config is not None:
        target = cwd / options.show_config if options.show_config else None
        click.echo(render_config(settings, target, cwd), nl=False)
        return 0
    from v2gate.run.pipeline import RunOptions, run  # the parsing stack loads only for a real run

    baseline = _baseline_step(options, cwd)  # a bad baseline fails before the long run
    paths = tuple(Path(path) for path in options.paths)
    from v2gate.run.batch import cache_dir_for
    from v2gate.run.workers import default_jobs

    cache_dir = cache_dir_for(settings.root, cwd, options.cache_dir, options.use_cache)
    jobs = options.jobs or default_jobs()
    report = run(
        RunOptions(
            settings=settings, paths=paths, cwd=cwd, suppress=options.suppress, jobs=jobs, cache_dir=cache_dir
        )
    )
    if not options.report_suppressed:
        report = replace(report, suppressed=None)
    report = baseline(report)
    for name, output in options.formats:
        _emit(report, name, output)
    _emit_statistics(report, options)
    return 0 if report.passed or options.exit_zero else 1


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
