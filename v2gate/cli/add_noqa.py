"""`--add-noqa [--reason TEXT]` in the command: which flags go with it, and the rewrite step (libcst loads only here)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from v2gate.cli.options import CliOptions
from v2gate.errors import GateError

if TYPE_CHECKING:
    from v2gate.report import Report
    from v2gate.run.pipeline import RunOptions


def check_rewrite_flags(options: CliOptions) -> None:
    """--reason needs --add-noqa; --add-noqa writes comments for what a run without a baseline finds."""
    if options.reason is not None and not options.add_noqa:
        raise click.UsageError("--reason is only used with --add-noqa")
    if options.add_noqa and (options.baseline.given or not options.suppress):
        raise click.UsageError("--add-noqa cannot be combined with a baseline flag or --no-suppress")


def add_noqa_step(run_options: RunOptions, options: CliOptions) -> Report:
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
