"""The rules of a session's message history every backend shares: which seqs a page covers, and when a
retried append is the message already stored."""

from __future__ import annotations

from persistence import codec
from persistence.errors import IdempotencyConflict
from persistence.models import Message


def page_window(
    count: int, after_seq: int | None, before_seq: int | None, limit: int | None
) -> tuple[int, int]:
    """The seqs lo..hi (inclusive; empty when lo > hi) that get_messages returns from `count` messages.

    Between after_seq and before_seq (both exclusive); `limit` keeps the newest ones unless only
    after_seq is given (forward paging keeps the oldest).
    """
    hi = count if before_seq is None else min(count, before_seq - 1)
    lo = 1 if after_seq is None else after_seq + 1
    if limit is not None:
        if after_seq is None or before_seq is not None:
            lo = max(lo, hi - limit + 1)
        else:
            hi = min(hi, lo + limit - 1)
    return lo, hi


def replayed(stored: Message, draft: Message) -> Message:
    """`stored`, the message that already has `draft.client_id`, if `draft` asks for the same message;
    else IdempotencyConflict (nothing is written either way)."""
    fields = ("sender", "content", "recipients")
    same = all(getattr(stored, name) == getattr(draft, name) for name in fields)
    if not same or codec.dumps(stored.metadata) != codec.dumps(draft.metadata):
        raise IdempotencyConflict(
            f"client_id {draft.client_id!r} of session {draft.session_id!r} already names message "
            f"{stored.seq}, with another sender, content, recipients or metadata; use a new client_id "
            "for a new message"
        )
    return stored
