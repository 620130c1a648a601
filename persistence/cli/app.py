"""`python -m persistence`: the command group and its one error boundary (exit codes 0, 1, 2)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import click

from persistence.cli.common import EXIT_DATA, EXIT_USAGE, tool_error
from persistence.cli.inspect import list_sessions, purge, show, stats
from persistence.cli.transfer import export, import_command, migrate_command
from persistence.errors import PersistenceError, StoreUnavailable
from persistence.urls import redact

PROG = "python -m persistence"


class ToolGroup(click.Group):
    """A click group that turns our exceptions into `Error: ...` on stderr with our exit codes."""

    def invoke(self, ctx: click.Context) -> Any:
        """Run the subcommand; StoreUnavailable and OSError exit 2, every other PersistenceError exits 1."""
        try:
            return super().invoke(ctx)
        except StoreUnavailable as exc:
            raise tool_error(str(exc), EXIT_USAGE) from exc
        except PersistenceError as exc:
            raise tool_error(str(exc), EXIT_DATA) from exc
        except OSError as exc:  # the export/import file itself
            where = redact(str(exc.filename)) if exc.filename else "a file"
            raise tool_error(
                f"cannot use {where}: {exc.strerror or exc}; check the path and its permissions", EXIT_USAGE
            ) from exc


@click.group(cls=ToolGroup, context_settings={"help_option_names": ["-h", "--help"]})
def cli() -> None:
    """Inspect, back up, restore and migrate multichat session stores.

    Every command takes store URLs as open_store does: json:///relative/dir, json:////absolute/dir,
    sqlite:///relative.db, sqlite:////absolute.db, redis://[[user]:password@]host:port/db,
    rediss://... (TLS), unix:///path/to/redis.sock[?db=N], redis+cluster://host:port[,host:port...]/,
    rediss+cluster://..., hybrid:///?store=DURABLE_URL&cache=REDIS_URL (query options ?ttl=,
    ?prefix=, ?max_message_bytes=). To use $SESSION_STORE_URL, pass it: "$SESSION_STORE_URL".

    Only import and migrate's destination create a store; every other command (and migrate's
    source) exits 2 with "no store at ..." when the URL names none.

    Exit codes: 0 success; 1 the data is wrong (invalid or corrupt records or file, unknown session,
    conflict, failed verification); 2 the command cannot run (bad arguments or URL, store or file
    unavailable). Errors go to stderr as one line; passwords in URLs are shown as ***.
    """


for command in (stats, list_sessions, show, purge, export, import_command, migrate_command):
    cli.add_command(command)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the tool with `argv` (default: sys.argv[1:]) and return the exit code."""
    try:
        cli.main(args=None if argv is None else list(argv), prog_name=PROG, standalone_mode=True)
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else EXIT_DATA
    return 0
