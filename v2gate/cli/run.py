"""What the command does once the options are parsed: settings -> run -> formatters -> exit code."""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

import click

from v2gate.cli.add_noqa import add_noqa_step, check_rewrite_flags
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
    check_rewrite_flags(options)
    baseline = _baseline_step(options, cwd)  # a bad baseline fails before the long run
    report = _checked_report(options, settings, cwd)
    if report is None:
        return 2
    if not options.report_suppressed:
        report = replace(report, suppressed=None)
    report = baseline(report)
    for name, output in options.formats:
        _emit(report, name, output)
    _emit_statistics(report, options)
    return 0 if report.passed or options.exit_zero else 1


def _checked_report(options: CliOptions, settings: Settings, cwd: Path) -> Report | None:
    """The run's report (after `--add-noqa` wrote its comments); None when nothing was checked and that is an error."""
    from v2gate.run.pipeline import run  # the parsing stack loads only for a real run

    only = _changed(options.diff, cwd)
    run_options = replace(_run_options(options, settings, cwd), only=only)
    report = add_noqa_step(run_options, options) if options.add_noqa else run(run_options)
    if not report.files and _nothing_checked(options, settings, only is not None):
        return None
    return report


def _program() -> str:
    """The name the user ran, as the command line was told it (`quality-gates`, `quality_gates.py`)."""
    context = click.get_current_context(silent=True)
    name = context.find_root().info_name if context is not None else None
    return name or "quality_gates.py"


def _changed(ref: str | None, cwd: Path) -> frozenset[Path] | None:
    """`--diff REF`: the changed `.py` files (None without `--diff`); git loads only here."""
    if ref is None:
        return None
    from v2gate.run.diff import changed_files

    return changed_files(ref, cwd)


def _nothing_checked(options: CliOptions, settings: Settings, diffing: bool) -> bool:
    """Say that no file was checked; True when that is an error (`--fail-on-empty`: exit 2).

    With `--diff` an empty run is the normal answer for a change without Python files.
    """
    if diffing:
        click.echo(f"{_program()}: no changed .py files since the merge base with {options.diff}", err=True)
        return False
    where = f"the paths given ({' '.join(options.paths)})" if options.paths else "the configured include"
    fail = options.fail_on_empty or settings.fail_on_empty
    kind = "error" if fail else "warning"
    click.echo(
        f"{_program()}: {kind}: no .py files to check in {where}; check the spelling of the paths"
        " and of include/exclude (--show-config shows them)",
        err=True,
    )
    return fail


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
