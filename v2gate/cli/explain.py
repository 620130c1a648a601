"""`quality-gates explain TARGET`: how each limit is counted for one function, class or file."""

from __future__ import annotations

from pathlib import Path

import click

from v2gate.config.load import load_settings


@click.command(
    name="explain",
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    epilog="A directory named `explain` is checked as `./explain`: only a first argument spelt "
    "exactly `explain` selects this command.",
)
@click.argument("target", metavar="TARGET")
@click.option(
    "--config",
    type=click.Path(dir_okay=False, path_type=str),
    help="TOML file with the settings (default: as for a run).",
)
@click.option(
    "--format",
    "format_name",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Output format.",
)
def explain_command(target: str, config: str | None, format_name: str) -> int:
    """Show how the gate counts TARGET: `path` (a file), `path:LINE` (the innermost function or class
    around that line) or `path::Qualified.name` (e.g. `pkg/db.py::Store.load`).

    For a function: every decision point of its complexity and every parameter, counted or not;
    for a class: its bases and where each resolved; for a file: its lines, functions and classes.
    Then the limits in force for it, with their source, the suppressions that cover it and its
    violations.
    """
    from v2gate.explain.build import explain_target  # the run's machinery loads only here
    from v2gate.explain.render import render

    cwd = Path.cwd()
    settings = load_settings(cwd, cwd / config if config is not None else None)
    click.echo(render(explain_target(target, settings, cwd), format_name), nl=False)
    return 0
