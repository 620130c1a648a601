"""Writing a whole session directory at once (staged in a temp directory, then published by rename), and
rewriting its session.json when the record changes.

Behind JsonStore._insert, for create_session (no messages) and restore_session alike: all or nothing.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

from persistence import codec
from persistence.backends.jsonfile import dirs, files, records
from persistence.backends.jsonfile.cursors import CURSORS_NAME
from persistence.hooks import Keep
from persistence.models import Message, Session


def publish_session(
    root: Path, session: Session, messages: Sequence[Message], keep: Keep, clock: Callable[[], float]
) -> bool:
    """Write lock, log and session.json in a staging directory under `root`, then rename it into place.

    The rename is the existence check: False (nothing written) if a live session has the id; an
    expired, unpurged one (by `clock`) is replaced.
    """
    staging = Path(tempfile.mkdtemp(prefix=dirs.STAGING_PREFIX, dir=root))  # created 0700
    target = root / session.id
    try:
        files.create_empty(staging / files.LOCK_NAME)
        files.create_empty(staging / files.LOG_NAME)
        log = b"".join(records.encode_message(message) for message in messages)
        if log:
            files.append_durable(staging / files.LOG_NAME, log)
        # session.json keeps the record's own updated_at/expires_at until the first append after it
        if keep.cursors:
            files.write_atomic(staging / CURSORS_NAME, codec.dumps(keep.cursors).encode("ascii"))
        files.write_atomic(staging / files.SESSION_NAME, records.encode_session(session, keep.ttl))
        while not dirs.publish(staging, target):
            if not dirs.remove_if_expired(target, clock()):
                return False
    finally:
        shutil.rmtree(staging, ignore_errors=True)  # already gone once published
    return True


def rewrite(directory: Path, session: Session) -> None:
    """Replace session.json's record fields (participants, title, metadata, version) by those of `session`,
    keeping its times, count, ttl and incarnation as written (the caller holds the session's lock)."""
    path = directory / files.SESSION_NAME
    doc = records.session_document(path.read_bytes(), path)
    changed = {
        "participants": list(session.participants),
        "title": session.title,
        "metadata": session.metadata,
    }
    document = {**doc, **changed, "version": session.version}
    files.write_atomic(path, codec.dumps(document, ascii_only=False).encode("utf-8"))
