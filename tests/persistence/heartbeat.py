"""A heartbeat task that measures how long the event loop was kept from running it: the async stores'
promise that no call blocks the loop, made measurable."""

from __future__ import annotations

import asyncio
import gc
import time
from collections.abc import Iterator
from contextlib import contextmanager

HEARTBEAT_SECONDS = 0.005
MAX_STALL_SECONDS = 0.050


async def heartbeat(gaps: list[float]) -> None:
    """Sleep HEARTBEAT_SECONDS at a time until cancelled, recording how late each wake-up was."""
    last = time.perf_counter()
    while True:
        await asyncio.sleep(HEARTBEAT_SECONDS)
        now = time.perf_counter()
        gaps.append(now - last - HEARTBEAT_SECONDS)
        last = now


@contextmanager
def heap_frozen() -> Iterator[None]:
    """The objects of the whole test process (the suite's other tests) frozen out of the garbage
    collector meanwhile: a full collection of that heap is the test process's pause, not the store's."""
    gc.collect()
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()
