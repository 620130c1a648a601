"""Assertions shared by the concurrency tests: a history is gapless and holds every writer's messages in order."""

from __future__ import annotations

from persistence import Message


def assert_interleaved(messages: list[Message], expected: dict[str, list[str]]) -> None:
    """`messages` are seqs 1..n with exactly the contents of `expected` (sender -> contents in send order)."""
    total = sum(len(contents) for contents in expected.values())
    assert [m.seq for m in messages] == list(range(1, total + 1)), "seqs are gapless and unique"
    for sender, contents in expected.items():  # nothing lost or duplicated, and each writer's order kept
        assert [m.content for m in messages if m.sender == sender] == contents, sender
    assert {m.sender for m in messages} == set(expected)
