"""Idempotent appends in the JSON-file store: one small marker file per client_id, naming its log line.

`<id>/clients/<client_id>` holds "<seq> <byte offset of that seq's line in messages.jsonl>"; client ids
follow the session id rules, so they are safe file names. The marker is written (under the session's
lock) before the log line and is trusted only when that line holds exactly that seq and client_id, so
a writer that died in between leaves a marker that is ignored and overwritten, never a wrong answer.
Markers are not fsynced on their own: the log's fsync, right after, commits them with it on journaling
filesystems that order metadata (ext4's default data=ordered); elsewhere power loss right after an
append may lose its marker, and a retry of that append then appends it again.
"""

from __future__ import annotations

import os
from pathlib import Path

from persistence.backends.jsonfile import files, records, seek
from persistence.errors import CorruptData
from persistence.models import Message

CLIENTS_DIR = "clients"


def marker(directory: Path, client_id: str) -> Path:
    """The marker file of `client_id` in the session `directory`."""
    return directory / CLIENTS_DIR / client_id


def stored(directory: Path, client_id: str, count: int) -> Message | None:
    """The message of the session (of `count` messages) that `client_id` names, else None."""
    try:
        seq_text, offset_text = marker(directory, client_id).read_text(encoding="ascii").split()
        seq, offset = int(seq_text), int(offset_text)
    except (FileNotFoundError, ValueError):  # none, or torn by a crash: not trusted
        return None
    if not 1 <= seq <= count:
        return None
    log = directory / files.LOG_NAME
    fd = os.open(log, os.O_RDONLY)
    try:
        message = records.decode_message(
            seek.read_line(fd, offset), directory.name, f"{log} line {seq}", None
        )
    except CorruptData:  # the marker points nowhere sensible (a crash between marker and line): not trusted
        return None
    finally:
        os.close(fd)
    return message if message.seq == seq and message.client_id == client_id else None


def remember(directory: Path, message: Message, offset: int) -> None:
    """Write the marker of `message` (which has a client_id), whose line starts at byte `offset`."""
    assert message.client_id is not None
    folder = directory / CLIENTS_DIR
    folder.mkdir(mode=files.DIR_MODE, exist_ok=True)
    path = folder / message.client_id
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, files.FILE_MODE)
    try:
        os.write(fd, f"{message.seq} {offset}".encode("ascii"))
    finally:
        os.close(fd)


def remember_all(directory: Path, messages: list[Message], lines: list[bytes]) -> None:
    """Markers for every message with a client_id, given their encoded `lines` from the start of the log."""
    offset = 0
    for message, line in zip(messages, lines, strict=True):
        if message.client_id is not None:
            remember(directory, message, offset)
        offset += len(line)
