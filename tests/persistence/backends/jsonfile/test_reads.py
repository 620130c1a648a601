"""JSON store reads: the most recent page is read backwards from the end and must equal a slice of the full history."""

from __future__ import annotations

from pathlib import Path

import pytest

from persistence import open_store
from persistence.backends.jsonfile.files import FIRST_CHUNK, TAIL_CHUNK
from tests.persistence.stores import FakeClock

# sizes around the backward-reading chunks (FIRST_CHUNK, doubling up to TAIL_CHUNK), so pages start
# inside, at and across chunk boundaries
SIZES = [
    1,
    TAIL_CHUNK - 200,
    3,
    TAIL_CHUNK,
    2 * TAIL_CHUNK + 7,
    0,
    10,
    TAIL_CHUNK // 2,
    5,
    TAIL_CHUNK + 1,
    2,
    77,
]
SIZES += [
    FIRST_CHUNK - 150,
    4,
    2 * FIRST_CHUNK,
    FIRST_CHUNK + 3,
    0,
    3 * FIRST_CHUNK - 60,
    8,
    FIRST_CHUNK // 2,
]


@pytest.mark.parametrize("limit", [0, 1, 2, 3, 5, 8, 9, 13, len(SIZES) - 1, len(SIZES), len(SIZES) + 1, 1000])
def test_most_recent_pages_equal_the_end_of_the_full_history(
    tmp_path: Path, clock: FakeClock, limit: int
) -> None:
    with open_store(f"json:///{tmp_path}/s", clock=clock) as store:
        store.create_session(["a"], session_id="s")
        for number, size in enumerate(SIZES):
            clock.advance(1)
            store.append_message("s", "a", f"{number}:" + "é" * (size // 2))
        everything = store.get_messages("s")
        assert [m.seq for m in everything] == list(range(1, len(SIZES) + 1))
        assert store.get_messages("s", limit=limit) == (everything[-limit:] if limit else [])
        session = store.get_session("s")  # its activity is read from the end as well
        assert (session.message_count, session.updated_at) == (len(SIZES), everything[-1].timestamp)
