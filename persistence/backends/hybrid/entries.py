"""What one cache entry holds: its two keys, the stamp it is compared by, its messages as text, the seqs a read wants."""

from __future__ import annotations

from collections.abc import Sequence

from persistence import codec
from persistence.models import Message
from persistence.rules import history


def cache_keys(prefix: str, session_id: str) -> list[str]:
    """The stamp hash and the tail list of one session; they share the hash tag `{session_id}`."""
    return [f"{prefix}:{{{session_id}}}:stamp", f"{prefix}:{{{session_id}}}:tail"]


def stamp(incarnation: str, count: int, updated_at: float) -> list[str]:
    """What the cache compares with the durable session, as exact text (repr round-trips floats).

    The incarnation names the durable record itself (new on every create and restore), so a session
    deleted and restored with equal times and counts but other content never matches its old entry.
    """
    return [incarnation, str(count), repr(updated_at)]


def within(messages: Sequence[Message], limit: int) -> list[str]:
    """The newest of `messages`, encoded, as many as fit in `limit` bytes (encoding stops at the first that
    does not fit, so a refill never encodes more than the bound plus one message). ASCII: a char is a byte."""
    kept: list[str] = []
    total = 0
    for message in reversed(messages):
        item = encode(message)
        total += len(item)
        if total > limit:
            break
        kept.append(item)
    return kept[::-1]


def encode(message: Message) -> str:
    """A cached message: the codec's JSON without seq and session id (the list position and the key hold them)."""
    return codec.dumps(codec.message_to_dict(message, omit=("session_id", "seq")))


def decode(session_id: str, seq: int, raw: bytes | str, key: str) -> Message:
    """The cached message `seq` of `session_id`, read from list `key`; CorruptData if it is damaged."""
    where = f"Redis key {key} (seq {seq})"
    known = {"session_id": session_id, "seq": seq}
    return codec.message_from_dict(codec.loads(raw, where), where, known=known)


def wanted(
    count: int, after_seq: int | None, limit: int | None, before_seq: int | None = None
) -> tuple[int, int]:
    """The seqs lo..hi that get_messages returns from a session of `count` messages (lo > hi: none)."""
    lo, hi = history.page_window(count, after_seq, before_seq, limit)
    return max(lo, 1), hi
