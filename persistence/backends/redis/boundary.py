"""The one place where redis-py exceptions become our StoreUnavailable / CorruptData."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from persistence.errors import CorruptData, StoreUnavailable

# Replies that mean "a stored value has the wrong type or shape", not "the server is unusable".
CORRUPTION_MARKERS = ("WRONGTYPE", "user_script", "Error running script")


@contextmanager
def boundary(where: str, subject: str = "the store's keys") -> Iterator[None]:
    """Translate driver errors raised inside the block; `where` is the redacted URL or client description."""
    import redis  # lazily: importing persistence must not need the driver

    try:
        yield
    except (redis.RedisError, redis.exceptions.RedisClusterException, OSError) as exc:
        message = str(exc)
        if isinstance(exc, redis.ResponseError) and any(mark in message for mark in CORRUPTION_MARKERS):
            raise CorruptData(
                f"Redis at {where} cannot read {subject}: {message}; a stored value has the wrong "
                "type or shape — inspect it with redis-cli, then restore or delete it"
            ) from exc
        raise StoreUnavailable(
            f"cannot use Redis at {where}: {type(exc).__name__}: {message}; check that redis-server is "
            "running and reachable there, and the password, user and db number in the URL"
        ) from exc
