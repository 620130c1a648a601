"""`quality-gates history`: the gate's totals per commit of the current branch, as text, JSON, CSV or HTML."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from v2gate.config.load import load_settings


@click.command(
    name="history",
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    epilog="The settings are the work tree's (pyproject.toml as it is now), for every commit.",
)
@click.option("--since", metavar="REF", help="Only the commits after REF (REF..HEAD).")
@click.option("--max-commits", type=click.IntRange(min=1), metavar="N", help="Only the newest N commits.")
@click.option(
    "--html",
    "directory",
    type=click.Path(file_okay=False, path_type=str),
    metavar="DIR",
    help="Write an HTML page (DIR/index.html: a line chart per rule and a table) instead.",
)
@click.option(
    "--format",
    "format_name",
    type=click.Choice(["text", "json", "csv"]),
    default="text",
    show_default=True,
    help="Output format on standard output.",
)
@click.option("--config", type=click.Path(dir_okay=False, path_type=str), help="TOML file with the settings.")
@click.option("--no-cache", is_flag=True, help="Neither read nor write the history and measurement caches.")
def history_command(**options: Any) -> int:
    """Check every commit of the current branch's first-parent line (oldest first), reading the files
    straight from git (no checkout: the work tree may be dirty). Per commit: its dates, files, lines
    and violations per rule. A second run evaluates only the commits it has not seen.
    """
    from v2gate.history.build import build_history  # git and the run's machinery load only here
    from v2gate.history.export import EXPORTS
    from v2gate.run.batch import cache_dir_for
    from v2gate.run.workers import default_jobs

    cwd = Path.cwd()
    config, directory = options["config"], options["directory"]
    settings = load_settings(cwd, cwd / config if config is not None else None)
    cache_dir = cache_dir_for(settings.root, cwd, None, not options["no_cache"])
    history = build_history(
        settings, cache_dir, since=options["since"], max_commits=options["max_commits"], jobs=default_jobs()
    )
    if directory is None:
        click.echo(EXPORTS[options["format_name"]](history), nl=False)
    else:
        from v2gate.html.history_page import write_history

        index = write_history(history, cwd / directory, settings.root.name)
        click.echo(f"Wrote {Path(directory, index.name).as_posix()}: {len(history.points)} commits.")
    click.echo(f"history: {history.new} new commits evaluated, {history.parsed} files parsed", err=True)
    return 0
