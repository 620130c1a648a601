"""The inspection commands: `stats`, `list`, `show` and `purge`."""

from __future__ import annotations

import click

from persistence.cli.common import URL_FORMS, opened
from persistence.cli.format import message_lines, session_details, session_table
from persistence.cli.stats import gather

URL_HELP = f"URL: a store URL as open_store takes it ({URL_FORMS})."


def figure(value: int | None, unit: str = "") -> str:
    """A stats figure, or n/a when the backend cannot tell."""
    return "n/a" if value is None else f"{value}{unit}"


@click.command(epilog=URL_HELP)
@click.argument("url")
def stats(url: str) -> None:
    """Count live sessions, their messages, expired (unpurged) sessions, and the storage size.

    Size is bytes of the store's files (json, sqlite) or Redis MEMORY USAGE of its keys.
    """
    with opened(url) as store:
        figures = gather(store, store.clock())
    click.echo(f"sessions  {figures.sessions}")
    click.echo(f"messages  {figures.messages}")
    click.echo(f"expired   {figure(figures.expired)}")
    click.echo(f"size      {figure(figures.size, ' bytes')}")


@click.command(name="list", epilog=URL_HELP)
@click.argument("url")
@click.option("--participant", metavar="NAME", help="Only sessions NAME takes part in.")
@click.option(
    "--limit", type=click.IntRange(min=1), default=100, show_default=True, help="At most this many sessions."
)
@click.option("--all", "every", is_flag=True, help="Every live session (no --limit).")
def list_sessions(url: str, participant: str | None, limit: int, every: bool) -> None:
    """List live sessions, most recently updated first (times in UTC)."""
    with opened(url) as store:
        sessions = store.list_sessions(participant=participant, limit=None if every else limit)
    if not sessions:
        click.echo("no sessions")
        return
    click.echo("\n".join(session_table(sessions)))


@click.command(epilog=URL_HELP)
@click.argument("url")
@click.argument("session_id", metavar="ID")
@click.option(
    "--limit",
    type=click.IntRange(min=0),
    default=None,
    help="Only the N most recent messages (default: all).",
)
def show(url: str, session_id: str, limit: int | None) -> None:
    """Show session ID and its messages, oldest first (times in UTC)."""
    with opened(url) as store:
        session = store.get_session(session_id)
        messages = store.get_messages(session_id, limit=limit)
    lines = session_details(session)
    if len(messages) < session.message_count:
        lines.append(f"(the last {len(messages)} of {session.message_count} messages)")
    for message in messages:
        lines += message_lines(message)
    click.echo("\n".join(lines))


@click.command(epilog=URL_HELP)
@click.argument("url")
def purge(url: str) -> None:
    """Delete expired sessions (with their messages) from storage."""
    with opened(url) as store:
        removed = store.purge_expired()
    click.echo(f"purged {removed} expired session{'' if removed == 1 else 's'}")
