"""The commands that move sessions: `export`, `import` and `migrate`."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import click

from persistence.cli.common import EXIT_DATA, EXIT_USAGE, URL_FORMS, id_list, opened, tool_error
from persistence.transfer.export import all_sessions, write_export
from persistence.transfer.import_ import import_file
from persistence.transfer.migrate import MigrateLog, migrate, verify
from persistence.urls import redact, store_identity

URL_HELP = f"URLs: store URLs as open_store takes them ({URL_FORMS})."


def plural(count: int, word: str) -> str:
    """`1 session`, `2 sessions`."""
    return f"{count} {word}{'' if count == 1 else 's'}"


@click.command(epilog=URL_HELP)
@click.argument("url")
@click.argument("file", type=click.Path(dir_okay=False, writable=True, path_type=Path))
def export(url: str, file: Path) -> None:
    """Write every live session of URL with its messages to FILE (format multichat-sessions v1).

    FILE is replaced atomically and created owner-only (0600).
    """
    with opened(url) as store:
        try:
            result = write_export(store, file, source=redact(url), clock=time.time)
        except OSError as exc:
            raise tool_error(
                f"cannot write {file}: {exc.strerror or exc}; check that its folder exists and is writable",
                EXIT_USAGE,
            ) from exc
    click.echo(
        f"exported {plural(result.sessions, 'session')}, {plural(result.messages, 'message')} to {file}"
    )
    if result.vanished:
        click.echo(
            f"left out {len(result.vanished)} expired or deleted during the export: {id_list(result.vanished)}"
        )


@click.command(name="import", epilog=URL_HELP)
@click.argument("url")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, readable=True, path_type=Path))
@click.option(
    "--on-conflict",
    type=click.Choice(["fail", "skip"]),
    default="fail",
    show_default=True,
    help="A session id already in the store: fail before writing anything, or skip (keep the existing one).",
)
def import_command(url: str, file: Path, on_conflict: str) -> None:
    """Restore the sessions of export FILE into URL, exactly (ids, seqs, times).

    The whole file is checked first; nothing is written if any record is bad. Sessions that have
    already expired are skipped. Safe to re-run after an interruption: sessions already in the store
    exactly as in FILE were imported before and are counted as done, so the re-run completes it.
    """
    with opened(url, create=True) as store:
        result = import_file(store, file, on_conflict=on_conflict)
    click.echo(
        f"imported {plural(result.imported, 'session')}, {plural(result.messages, 'message')} from {file}"
    )
    if result.done:
        click.echo(f"already imported (identical in the store): {plural(len(result.done), 'session')}")
    if result.existing:
        click.echo(f"skipped {len(result.existing)} already in the store: {id_list(result.existing)}")
    if result.expired:
        click.echo(f"skipped {len(result.expired)} already expired: {id_list(result.expired)}")


def report(log: MigrateLog) -> None:
    """Print what migrate did, one line per kind of outcome that happened."""
    click.echo(f"copied {plural(len(log.copied), 'session')}, {plural(log.messages, 'message')} written")
    outcomes = [
        (log.skipped, "skipped (already in the destination)"),
        (log.redone, "redone (an incomplete copy was replaced)"),
        (log.vanished, "left out (expired or deleted in the source meanwhile)"),
        (log.conflicts, "CONFLICT (a different session has that id in the destination; left alone)"),
    ]
    for ids, what in outcomes:
        if ids:
            click.echo(f"{what}: {len(ids)}: {id_list(ids)}")


@click.command(name="migrate", epilog=URL_HELP)
@click.argument("src_url")
@click.argument("dst_url")
def migrate_command(src_url: str, dst_url: str) -> None:
    """Copy every live session from SRC_URL to DST_URL, then verify the destination.

    Safe to re-run after an interruption: sessions already copied are skipped and reported, an
    incomplete copy is replaced. A progress bar goes to stderr. Exit 1 on conflicts or a failed check.
    """
    if store_identity(src_url) == store_identity(dst_url):
        raise tool_error("SRC_URL and DST_URL are the same store; give two different stores", EXIT_USAGE)
    with opened(src_url) as src, opened(dst_url, create=True) as dst:
        ids = [session.id for session in all_sessions(src)]
        with click.progressbar(ids, label="migrating", file=sys.stderr) as bar:
            log = migrate(src, dst, bar)
        sessions, messages, wrong = verify(dst, log.expected)
    report(log)
    if wrong:
        raise tool_error(
            f"verification failed: {plural(len(wrong), 'session')} differ in the destination: {id_list(wrong)}",
            EXIT_DATA,
        )
    click.echo(
        f"verified {plural(sessions, 'session')}, {plural(messages, 'message')} in the destination match the source"
    )
    if log.conflicts:
        raise tool_error(
            f"{plural(len(log.conflicts), 'conflict')}: delete those sessions in the destination and re-run",
            EXIT_DATA,
        )
