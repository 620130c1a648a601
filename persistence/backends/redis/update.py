"""Changing a session record in Redis: read, revise, compare-and-set, with the participant sets kept in step."""

from __future__ import annotations

import json
from typing import Any

from persistence.backends.redis.keys import participant_key, session_key, session_keys
from persistence.backends.redis.layout import decode_session, encode_record, text
from persistence.backends.redis.ops import alive, execute, not_found, run_script
from persistence.models import Session
from persistence.rules.revisions import Change, revise


def read(client: Any, prefix: str, session_id: str, now: float) -> tuple[Session, str]:
    """The live session and its record JSON exactly as stored; SessionNotFound if missing or expired."""
    key = session_key(prefix, session_id)
    fields = {text(name, key): value for name, value in client.hgetall(key).items()}
    current = decode_session(session_id, fields, key) if fields else None
    if current is None or not alive(current, now):
        raise not_found(session_id)
    return current, text(fields["record"], f"Redis key {key} field 'record'")


def next_record(current: Session, new: Session, raw: str) -> str:
    """The record JSON of `new`; people who were ever in the session and are not now are kept as 'former'."""
    former = [*json.loads(raw).get("former", []), *current.participants]
    return encode_record(new, tuple(dict.fromkeys(name for name in former if name not in new.participants)))


def register(client: Any, prefix: str, session_id: str, names: list[str]) -> None:
    """Add the session to the participant sets of `names`, in one acknowledged round trip."""
    execute(client, lambda pipe: [pipe.sadd(participant_key(prefix, name), session_id) for name in names])


def swap(client: Any, keys: list[str], args: list[str]) -> Any:
    """Run the update script (compare-and-set of the record): None, 0 or 1, see scripts.UPDATE."""
    return execute(client, lambda pipe: run_script(pipe, "update", keys, args))[0]


def update(
    client: Any, prefix: str, session_id: str, change: Change, options: tuple[int | None, float]
) -> Session:
    """Apply `change` to the live session; `options` is (expected_version, now). See revisions.revise.

    Readers never see a session missing from a participant's set: the sets of people added are written
    and acknowledged first (on a cluster they live on other slots), then the update script, which
    replaces the record only if it is still the one read (else this reads again). People removed keep
    their set entry, which readers filter out by the record; the record lists them as 'former', so
    deleting or purging the session clears those entries too.
    """
    expected_version, now = options
    while True:
        current, raw = read(client, prefix, session_id, now)
        new = revise(current, change, expected_version)
        if new is None:
            return current
        added = [name for name in new.participants if name not in current.participants]
        if added:
            register(client, prefix, session_id, added)
        gone = [name for name in current.participants if name not in new.participants]  # cursors dropped
        args = [repr(now), raw, next_record(current, new, raw), *gone]
        done = swap(client, session_keys(prefix, session_id), args)
        if done is None:
            raise not_found(session_id)
        if done:
            return new
