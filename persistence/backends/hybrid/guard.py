"""A circuit breaker for the hybrid store's cache: failures fall back, are logged rarely, and heal by themselves."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import TypeVar

from persistence.errors import PersistenceError

LOGGER = logging.getLogger("persistence.hybrid")
RETRY_AFTER = 1.0  # seconds the cache is left alone after a failure, so a dead Redis costs nothing per call
LOG_EVERY = 60.0  # at most one warning per minute while the cache keeps failing

T = TypeVar("T")


class CacheGuard:
    """Runs cache calls; any failure returns the caller's fallback, and the cache is skipped for RETRY_AFTER.

    Timing here is operational (real monotonic time), never the store's clock: it decides when to
    try Redis again, never what a reader sees.
    """

    def __init__(self, where: str, monotonic: Callable[[], float] = time.monotonic) -> None:
        self.where = where
        self.monotonic = monotonic
        self.skip_until = 0.0
        self.failing = False
        self.logged_at: float | None = None
        self.lock = threading.Lock()

    def usable(self) -> bool:
        """False while the cache is switched off after a failure (for RETRY_AFTER seconds)."""
        return self.monotonic() >= self.skip_until

    def call(self, action: Callable[[], T], fallback: T) -> T:
        """`action()` if the cache is usable, else (or if it fails) `fallback`."""
        import redis

        if self.monotonic() < self.skip_until:
            return fallback
        try:
            result = action()
        except (redis.RedisError, redis.exceptions.RedisClusterException, OSError, PersistenceError) as exc:
            self.failed(exc)
            return fallback
        if self.failing:
            with self.lock:
                self.failing, self.logged_at = False, None
            LOGGER.warning("Redis cache at %s is back; the hybrid store uses it again", self.where)
        return result

    def failed(self, exc: BaseException) -> None:
        """Skip the cache for a while, and warn unless a warning went out within LOG_EVERY."""
        now = self.monotonic()
        with self.lock:
            self.skip_until = now + RETRY_AFTER
            self.failing = True
            quiet = self.logged_at is not None and now - self.logged_at < LOG_EVERY
            if not quiet:
                self.logged_at = now
        if not quiet:
            LOGGER.warning(
                "Redis cache at %s failed (%s: %s); reading and writing the durable store only, "
                "retrying the cache every %.0f s (this warning repeats at most every %.0f s)",
                self.where,
                type(exc).__name__,
                exc,
                RETRY_AFTER,
                LOG_EVERY,
            )
