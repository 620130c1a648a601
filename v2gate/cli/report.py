"""`quality-gates report --html DIR [PATHS]`: the run as a static HTML site that works offline."""

from __future__ import annotations

from pathlib import Path

import click

from v2gate.config.load import load_settings


@click.command(
    name="report",
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    epilog="Needs the `report` extra: pip install 'quality-gates[report]'. Open DIR/index.html in a "
    "browser (file:// works: nothing is fetched).",
)
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@click.option(
    "--html",
    "directory",
    required=True,
    type=click.Path(file_okay=False, path_type=str),
    metavar="DIR",
    help="Write the site into DIR (created; its pages are overwritten).",
)
@click.option(
    "--config",
    type=click.Path(dir_okay=False, path_type=str),
    help="TOML file with the settings (default: as for a run).",
)
@click.option("--jobs", "-j", type=click.IntRange(min=1), metavar="N", help="Measure in N processes.")
def report_command(paths: tuple[str, ...], directory: str, config: str | None, jobs: int | None) -> int:
    """Check PATHS (default: the configured include) and write an HTML report: an overview, a
    treemap of packages and files, a sortable table of the six metrics against their limits and
    a page per file with its definitions, violations, `explain` breakdowns and source.

    Exit 0 when the site was written, whatever the violations (the gate run decides pass or fail).
    """
    from v2gate.html.build import build_report  # Jinja2 and the run load only here
    from v2gate.run.batch import cache_dir_for
    from v2gate.run.pipeline import RunOptions
    from v2gate.run.workers import default_jobs

    cwd = Path.cwd()
    settings = load_settings(cwd, cwd / config if config is not None else None)
    options = RunOptions(
        settings=settings,
        cwd=cwd,
        paths=tuple(Path(path) for path in paths),
        jobs=jobs or default_jobs(),
        cache_dir=cache_dir_for(settings.root, cwd, None),
    )
    site = build_report(options, cwd / directory)
    index = Path(directory) / "index.html"
    count = len(site.report.violations)
    click.echo(
        f"Wrote {index.as_posix()}: {len(site.pages)} files, {count} violation{'s' if count != 1 else ''}."
    )
    return 0
