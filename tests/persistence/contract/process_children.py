"""Child-process entry points for the multi-process persistence tests (importable under 'spawn')."""

from __future__ import annotations

from multiprocessing.synchronize import Barrier

from persistence import open_store


def append_many(url: str, session_id: str, writer: str, count: int, start: Barrier) -> None:
    """Open the store at `url`, wait until every writer has, then append `count` messages '<writer>:<n>'."""
    with open_store(url) as store:
        start.wait(timeout=60)  # all writers start together, so their appends really interleave
        for number in range(count):
            store.append_message(session_id, writer, f"{writer}:{number}")


def append_until_killed(url: str, session_id: str, ack_path: str) -> None:
    """Append forever; after each append returns, record its seq in `ack_path` (one line each)."""
    with open_store(url) as store, open(ack_path, "a", encoding="utf-8") as acks:
        while True:
            message = store.append_message(session_id, "writer", f"payload {'x' * 200}")
            acks.write(f"{message.seq}\n")
            acks.flush()  # into the kernel: survives the SIGKILL of this process


def retry_client_ids(url: str, session_id: str, count: int, start: Barrier) -> None:
    """Open the store at `url`, wait for the others, then append client ids c0..c<count-1>, each twice."""
    with open_store(url) as store:
        start.wait(timeout=60)
        for _ in range(2):
            for number in range(count):
                store.append_message(session_id, "retrier", f"m{number}", client_id=f"c{number}")
