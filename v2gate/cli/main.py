"""The command line: `quality_gates.py [OPTIONS] [PATHS]...`; `main(argv) -> exit code`.

Exit codes: 0 no violations, 1 violations (V200 included), 2 usage, config or internal error,
or a broken installation (v2gate.measure.engine). `main` is the single error boundary: no
user error ever prints a traceback.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Callable, Sequence
from typing import Any

import click

from v2gate import __version__
from v2gate.cli.options import CliOptions, format_specs, given_limits, limit_options
from v2gate.errors import GateError
from v2gate.formatters import known_formats

PROG_NAME = "quality_gates.py"  # when main() is given argv, or the name run cannot be told
EXIT_OK, EXIT_VIOLATIONS, EXIT_ERROR = 0, 1, 2


def _with_limit_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """Attach one `--max-*` option per limit rule (they win over every config table)."""
    for decorator in reversed(limit_options()):
        command = decorator(command)
    return command


@click.command(
    name=PROG_NAME,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    epilog="Exit codes: 0 no violations, 1 violations (V200 included), 2 usage, config or internal error, "
    "or a broken installation.\n\nWhy does a line fail? `explain TARGET` (path, path:LINE or "
    "path::Qualified.name) shows how each limit is counted; `explain --help` for more.\n\n"
    "Pictures: `report --html DIR` writes an HTML report, `history` the totals per commit of the branch "
    "(`report --help`, `history --help`).",
)
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@click.option(
    "--config",
    type=click.Path(dir_okay=False, path_type=str),
    help="TOML file with a [tool.quality-gates] table or a top-level table "
    "(default: the nearest pyproject.toml that has the table).",
)
@click.option(
    "--format",
    "format_specs",
    multiple=True,
    metavar="NAME[:FILE]",
    callback=format_specs,
    help=f"Report format ({known_formats()}; default text), to FILE when given. Repeatable: "
    "--format json:report.json --format text. At most one format may go to stdout.",
)
@click.option(
    "--output",
    type=click.Path(dir_okay=False, path_type=str),
    help="Write the report (each --format without :FILE) to this file instead of standard output.",
)
@click.option(
    "--statistics",
    is_flag=True,
    help="After the report, count the violations per rule (to stderr when stdout holds a "
    "machine-readable format).",
)
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are violations.")
@click.option(
    "--no-suppress",
    is_flag=True,
    help="Ignore every `# noqa: V2xx` and `# quality-gates: noqa` comment (audit mode; no V299).",
)
@click.option("--report-suppressed", is_flag=True, help="List the violations that comments suppressed.")
@click.option(
    "--baseline",
    "baseline_file",
    type=click.Path(dir_okay=False, path_type=str),
    metavar="FILE",
    help="Fail only on violations that are new or worse than recorded in FILE.",
)
@click.option(
    "--write-baseline",
    type=click.Path(dir_okay=False, path_type=str),
    metavar="FILE",
    help="Record the current violations of the checked files in FILE (other files' entries are "
    "kept), then report against it.",
)
@click.option(
    "--update-baseline",
    is_flag=True,
    help="With --baseline: tighten entries that improved and remove fixed ones (checked files only).",
)
@click.option(
    "--show-config",
    is_flag=False,
    flag_value="",
    default=None,
    metavar="[FILE]",
    help="Print the effective limits (for FILE, with its overrides) and their sources.",
)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    metavar="N",
    help="Measure in N processes (default: one per CPU; 1 measures in this process).",
)
@click.option(
    "--cache-dir",
    type=click.Path(file_okay=False, path_type=str),
    metavar="DIR",
    help="Keep the measurement cache in DIR (default: .quality_gates_cache at the project root).",
)
@click.option("--no-cache", is_flag=True, help="Neither read nor write the measurement cache.")
@click.option(
    "--add-noqa",
    is_flag=True,
    help="Add a `# noqa: V2xx` to the header of every definition that breaks a limit and a "
    "`# quality-gates: noqa` line for file rules (changing nothing else), then report what is left.",
)
@click.option(
    "--reason",
    metavar="TEXT",
    help="With --add-noqa: write TEXT after the codes (`# noqa: V204 -- TEXT`).",
)
@click.option(
    "--diff",
    "diff_ref",
    metavar="REF",
    help="Check only the .py files changed since the merge base of REF and HEAD, plus staged, "
    "unstaged and untracked ones (inheritance still resolved against the whole project).",
)
@click.option(
    "--fail-on-empty",
    is_flag=True,
    help="Exit 2 when there is nothing to check (no .py file found), instead of a warning.",
)
@_with_limit_options
@click.option("--debug", is_flag=True, help="Show a traceback on internal errors.")
@click.version_option(__version__, "--version")  # named as the user ran it
def command(**params: Any) -> int:
    """Enforce the six V2 limits on Python files (default: the configured `include`)."""
    # Imported here so `--help` and `--version` stay fast (no radon import).
    from v2gate.cli.run import execute

    options = CliOptions.from_params(params, given_limits(params))
    return execute(options)


def program_name(argv0: str) -> str:
    """The name the user ran (`quality-gates`, `quality_gates.py`), for usage lines and errors."""
    name = os.path.basename(argv0).removesuffix(".exe")
    return PROG_NAME if not name or name.startswith("-") or name.endswith("__main__.py") else name


def _explain() -> click.Command:
    from v2gate.cli.explain import explain_command

    return explain_command


def _report() -> click.Command:
    from v2gate.cli.report import report_command

    return report_command


def _history() -> click.Command:
    from v2gate.cli.history import history_command

    return history_command


def _lsp() -> click.Command:
    from v2gate.cli.lsp import lsp_command

    return lsp_command


# Subcommands by name; each module loads only when its name is the first argument.
SUBCOMMANDS: dict[str, Callable[[], click.Command]] = {
    "explain": _explain,
    "report": _report,
    "history": _history,
    "lsp": _lsp,
}


def _chosen(args: list[str], prog: str) -> tuple[click.Command, list[str], str]:
    """(command, its arguments, its name): `explain TARGET ...`, `report ...` and `history ...`
    run those commands, anything else is a gate run.

    Only a first argument spelt exactly like a subcommand selects it: a directory of that name is
    checked as `./explain` (or after other options).
    """
    if args and args[0] in SUBCOMMANDS:
        return SUBCOMMANDS[args[0]](), args[1:], f"{prog} {args[0]}"
    return command, args, prog


def main(argv: Sequence[str] | None = None) -> int:
    """Run the gate; returns the exit code instead of raising SystemExit."""
    args = list(sys.argv[1:] if argv is None else argv)
    name = program_name(sys.argv[0]) if argv is None else PROG_NAME
    chosen, rest, prog = _chosen(args, name)
    try:
        result = chosen.main(args=rest, prog_name=prog, standalone_mode=False)
    except click.ClickException as exc:
        exc.show()
        return EXIT_ERROR
    except click.Abort:
        click.echo("Aborted.", err=True)
        return EXIT_ERROR
    except GateError as exc:
        click.echo(f"{name}: error: {exc}", err=True)
        return EXIT_ERROR
    except Exception as exc:  # noqa: BLE001 - the top-level boundary: report, never a raw traceback
        if "--debug" in args:
            import traceback  # only on this path: it costs a warm run ~3 ms to import

            traceback.print_exc()
        click.echo(
            f"{name}: internal error: {type(exc).__name__}: {exc} "
            "(please report it; rerun with --debug for a traceback)",
            err=True,
        )
        return EXIT_ERROR
    if argv is None:
        # Called as the program, which exits next: spare the collector a last scan of the
        # ~200,000 objects of the run at exit (~15 ms of a warm run on Django).
        gc.freeze()
    # `--help`/`--version` return their exit code (0) instead of the command's int.
    return int(result) if isinstance(result, int) else EXIT_OK
