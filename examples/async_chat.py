"""Several participants chatting at once through one async store, then each one's unread count.

    python examples/async_chat.py [STORE_URL]

Without a URL it uses an SQLite file in a fresh temporary directory: the embedded store, no server
to start. Each participant is a task: it says a few things, reads what has arrived (moving its read
cursor) and stops reading at a different point, so the unread counts at the end differ.
"""

from __future__ import annotations

import asyncio
import random
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from a checkout without installing

from persistence import aio

PEOPLE = ("ann", "bob", "cho", "dev")
LINES = 5


async def participant(store: aio.AsyncStore, session_id: str, name: str, reads: int) -> None:
    """Say LINES things; read (mark_read up to the newest message) after the first `reads` of them."""
    for number in range(LINES):
        await store.append_message(session_id, name, f"{name} says #{number}", client_id=f"{name}-{number}")
        if number < reads:
            newest = await store.get_messages(session_id, limit=1)
            await store.mark_read(session_id, name, newest[-1].seq)
        await asyncio.sleep(random.uniform(0, 0.01))


async def main(url: str) -> None:
    async with aio.open_store(url) as store:
        session = await store.create_session(PEOPLE, title="async chat")
        await asyncio.gather(
            *(participant(store, session.id, name, reads) for reads, name in enumerate(PEOPLE))
        )
        total = (await store.get_session(session.id)).message_count
        print(f"session {session.id}: {total} messages from {len(PEOPLE)} participants")
        for name in PEOPLE:
            unread = dict((s.id, n) for s, n in await store.unread_counts(name))[session.id]
            print(f"  {name}: {unread} unread")


if __name__ == "__main__":
    if len(sys.argv) > 1:
        asyncio.run(main(sys.argv[1]))
    else:
        with tempfile.TemporaryDirectory() as directory:
            asyncio.run(main(f"sqlite:///{directory}/chat.db"))
