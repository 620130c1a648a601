"""What every `python -m persistence` command shares: exit codes, our error as click shows it, opening a store."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import click

from persistence.base import StoreBase
from persistence.config import open_backend
from persistence.errors import InvalidData, StoreNotFound

EXIT_OK = 0
EXIT_DATA = (
    1  # the data is wrong: invalid/corrupt records or file, missing session, conflict, failed verification
)
EXIT_USAGE = 2  # the command is wrong or cannot run: bad arguments or URL, store or file unavailable
MAX_IDS_SHOWN = 10
URL_FORMS = (
    "json:///dir, sqlite:///file.db, redis://[:password@]host:port/0, rediss://..., unix:///path.sock?db=0, "
    "redis+cluster://host:port,host:port/, hybrid:///?store=DURABLE_URL&cache=REDIS_URL"
)


class ToolError(click.ClickException):
    """An error in the data for the user: click prints `Error: <message>` on stderr and exits 1."""

    exit_code = EXIT_DATA


class UsageFailure(ToolError):
    """The command cannot run as given (bad arguments or URL, store or file unavailable): exit 2."""

    exit_code = EXIT_USAGE


def tool_error(message: str, exit_code: int) -> ToolError:
    """The ToolError that makes click exit with `exit_code` (EXIT_DATA or EXIT_USAGE)."""
    return UsageFailure(message) if exit_code == EXIT_USAGE else ToolError(message)


@contextmanager
def opened(url: str, *, create: bool = False) -> Iterator[StoreBase]:
    """The store at `url`, closed afterwards; a malformed URL or option is a usage error (exit 2).

    Only the commands that write a store they may be the first to use (import, migrate's
    destination) pass `create=True`; for the others a URL naming no store is an error (exit 2),
    never a new empty store.
    """
    try:
        store = open_backend(url, create=create)
    except InvalidData as exc:
        raise tool_error(str(exc), EXIT_USAGE) from exc
    except StoreNotFound as exc:
        where = str(exc).partition(";")[0]
        raise tool_error(
            f"{where}; check the URL (only import and migrate create a store)", EXIT_USAGE
        ) from exc
    with store:
        yield store


def id_list(ids: list[str] | tuple[str, ...]) -> str:
    """At most MAX_IDS_SHOWN ids, comma-separated, with how many more there are."""
    shown = ", ".join(ids[:MAX_IDS_SHOWN])
    more = len(ids) - MAX_IDS_SHOWN
    return f"{shown}, ... ({more} more)" if more > 0 else shown
