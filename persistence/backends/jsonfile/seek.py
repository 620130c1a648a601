"""Random access to a session's log by seq: a binary search over byte offsets, so reading any page is
O(log history + page), with no index file (line n holds seq n, and lines are in seq order)."""

from __future__ import annotations

import os
from pathlib import Path

from persistence.backends.jsonfile import records
from persistence.errors import CorruptData
from persistence.models import Message

PROBE = 4096  # bytes read at a time around a probe point; a longer line is read on


def read_line(fd: int, start: int) -> bytes:
    """The complete line starting at byte `start` (without its b"\\n")."""
    data = b""
    while b"\n" not in data:
        chunk = os.pread(fd, PROBE, start + len(data))
        if not chunk:
            raise CorruptData(f"log ends inside the line at byte {start}")
        data += chunk
    return data[: data.index(b"\n")]


def line_start(fd: int, position: int, end: int) -> int | None:
    """The first line start at or after `position` and before `end` (a line starts at 0 or after b"\\n")."""
    if position == 0:
        return 0 if end > 0 else None
    scanned = position - 1
    while scanned < end:
        chunk = os.pread(fd, PROBE, scanned)
        newline = chunk.find(b"\n")
        if newline >= 0:
            start = scanned + newline + 1
            return start if start < end else None
        if not chunk:
            return None
        scanned += len(chunk)
    return None


def offset_of(fd: int, session_id: str, seq: int, end: int) -> int | None:
    """The byte offset of the line holding `seq` among the first `end` bytes of the log open as `fd`;
    None if it is not found that way (damage: the caller then reads the whole log, which names it)."""
    lo, hi = 0, end  # lo is a line start; the line of `seq` starts in [lo, hi)
    try:
        while lo < hi:
            middle = (lo + hi) // 2
            start = line_start(fd, middle, hi)
            if start is None:
                if middle == lo:
                    return None
                hi = middle
                continue
            line = read_line(fd, start)
            found = records.decode_message(line, session_id, "log", None).seq
            if found == seq:
                return start
            if found < seq:
                lo = start + len(line) + 1
            else:
                hi = start
    except CorruptData:
        return None
    return None


def read_range(log: Path, session_id: str, seqs: tuple[int, int], end: int) -> list[Message] | None:
    """Messages seqs[0]..seqs[1] of the log (its first `end` bytes), each checked for its seq; None if
    the first one cannot be found by seq (see offset_of)."""
    lo, hi = seqs
    fd = os.open(log, os.O_RDONLY)
    try:
        offset = offset_of(fd, session_id, lo, end)
        if offset is None:
            return None
        with os.fdopen(os.dup(fd), "rb") as handle:
            handle.seek(offset)
            lines = [handle.readline() for _ in range(hi - lo + 1)]
    finally:
        os.close(fd)
    return [
        records.decode_message(line.rstrip(b"\n"), session_id, f"{log} line {seq}", seq)
        for seq, line in enumerate(lines, start=lo)
    ]
