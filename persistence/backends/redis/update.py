"""Changing a session record in Redis: read, revise, compare-and-set, with the participant sets kept in step."""

from __future__ import annotations

import json

from persistence.backends.redis.keys import participant_key, session_key, session_keys
from persistence.backends.redis.layout import decode_session, encode_record, text
from persistence.backends.redis.ops import alive, not_found, script
from persistence.backends.redis.wire import Build, Flow, command, one
from persistence.models import Session
from persistence.rules.revisions import Change, revise


def read(prefix: str, session_id: str, now: float) -> Flow[tuple[Session, str]]:
    """The live session and its record JSON exactly as stored; SessionNotFound if missing or expired."""
    key = session_key(prefix, session_id)
    stored = yield from one(command("hgetall", key))
    fields = {text(name, key): value for name, value in stored.items()}
    current = decode_session(session_id, fields, key) if fields else None
    if current is None or not alive(current, now):
        raise not_found(session_id)
    return current, text(fields["record"], f"Redis key {key} field 'record'")


def next_record(current: Session, new: Session, raw: str) -> str:
    """The record JSON of `new`; people who were ever in the session and are not now are kept as 'former'."""
    former = [*json.loads(raw).get("former", []), *current.participants]
    return encode_record(new, tuple(dict.fromkeys(name for name in former if name not in new.participants)))


def register(prefix: str, session_id: str, names: list[str]) -> Build:
    """The round trip adding the session to the participant sets of `names`."""
    return lambda pipe: [pipe.sadd(participant_key(prefix, name), session_id) for name in names]


def update(prefix: str, session_id: str, change: Change, options: tuple[int | None, float]) -> Flow[Session]:
    """Apply `change` to the live session; `options` is (expected_version, now). See revisions.revise.

    Readers never see a session missing from a participant's set: the sets of people added are written
    and acknowledged first (on a cluster they live on other slots), then the update script, which
    replaces the record only if it is still the one read (else this reads again). People removed keep
    their set entry, which readers filter out by the record; the record lists them as 'former', so
    deleting or purging the session clears those entries too.
    """
    expected_version, now = options
    while True:
        current, raw = yield from read(prefix, session_id, now)
        new = revise(current, change, expected_version)
        if new is None:
            return current
        added = [name for name in new.participants if name not in current.participants]
        if added:
            yield register(prefix, session_id, added)
        gone = [name for name in current.participants if name not in new.participants]  # cursors dropped
        args = [repr(now), raw, next_record(current, new, raw), *gone]
        done = yield from one(script("update", session_keys(prefix, session_id), args))
        if done is None:
            raise not_found(session_id)
        if done:
            return new
