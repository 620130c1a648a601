"""The Redis backend's one edge with redis-py: round trips, run by a synchronous or an asyncio driver,
and the place where the driver's exceptions become our StoreUnavailable / CorruptData.

Every operation of the backend is a *flow*: a generator that yields the commands of one round trip
(a function queuing them on a pipeline) and receives their replies, then returns its result. Flows
never touch a client, so the same code runs on `redis.Redis` / `RedisCluster` through `drive` and on
`redis.asyncio` through `adrive` (the sans-I/O style of h11 and wsproto). A driver error is thrown
into the flow at its `yield`, where the flow may handle it (see cursors.scores) or let it pass.
"""

from __future__ import annotations

from collections.abc import Callable, Generator, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from persistence.backends.redis.scripts import SCRIPTS
from persistence.errors import CorruptData, StoreUnavailable

T = TypeVar("T")
Build = Callable[[Any], object]  # queues one round trip's commands on a pipeline
Flow = Generator[Build, list[Any], T]  # yields round trips, receives their replies, returns its result
# Replies that mean "a stored value has the wrong type or shape", not "the server is unusable".
CORRUPTION_MARKERS = ("WRONGTYPE", "user_script", "Error running script")


class Planned(BaseException):
    """The flow a store on a `redis.asyncio` client leaves to its caller to run (see connect.Driven._run).

    A BaseException, as GeneratorExit is: control flow, which no `except Exception` on the way up may
    swallow or translate."""

    def __init__(self, flow: Flow[Any], subject: str) -> None:
        super().__init__(
            "a Redis store on a redis.asyncio client runs its round trips only under persistence.aio: "
            "use `await persistence.aio.open_store(url, client=...)`, or give a synchronous redis-py client"
        )
        self.flow = flow
        self.subject = subject


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


def one(build: Build) -> Flow[Any]:
    """A flow of one round trip whose result is the reply of its first command."""
    return (yield build)[0]


def command(name: str, *args: Any, **options: Any) -> Build:
    """The round trip of one redis-py command, e.g. command("zscan", key, 0, count=500)."""
    return lambda pipe: getattr(pipe, name)(*args, **options)


def scan(key: str, count: int) -> Flow[list[tuple[bytes | str, float]]]:
    """Every (member, score) of the sorted set `key`, by ZSCAN, about `count` per round trip."""
    cursor, members = 0, []
    while True:
        cursor, page = yield from one(command("zscan", key, cursor, count=count))
        members += page
        if not int(cursor):
            return members


def step(flow: Flow[T], replies: list[Any] | None, error: Exception | None) -> tuple[bool, Any]:
    """Advance `flow` with the last round trip's replies (or its error): (True, result) when it
    returned, else (False, the next round trip's Build)."""
    try:
        return False, flow.send(replies) if error is None else flow.throw(error)  # type: ignore[arg-type]
    except StopIteration as stop:
        return True, stop.value


def execute(client: Any, build: Build) -> list[Any]:
    """Run the commands `build` queues on one non-transactional pipeline: a single round trip.

    Scripts run by EVALSHA; after NOSCRIPT (server restarted or SCRIPT FLUSH) they are loaded and the
    pipeline is re-run, which is safe because NOSCRIPT means the script did not run and every other
    command we pipeline next to a script is idempotent.
    """
    import redis

    for attempt in range(2):
        pipe = client.pipeline(transaction=False)
        build(pipe)
        try:
            return list(pipe.execute())
        except redis.exceptions.NoScriptError:
            if attempt:
                raise
            for source in SCRIPTS.values():
                client.script_load(source)
    raise AssertionError("unreachable")  # pragma: no cover


async def aexecute(client: Any, build: Build) -> list[Any]:
    """`execute` on a `redis.asyncio` client: the same pipeline, awaited."""
    import redis

    for attempt in range(2):
        pipe = client.pipeline(transaction=False)
        build(pipe)
        try:
            return list(await pipe.execute())
        except redis.exceptions.NoScriptError:
            if attempt:
                raise
            for source in SCRIPTS.values():
                await client.script_load(source)
    raise AssertionError("unreachable")  # pragma: no cover


def drive(client: Any, flow: Flow[T]) -> T:
    """Run `flow` to its result on a synchronous redis-py client."""
    replies: list[Any] | None = None
    error: Exception | None = None
    while True:
        done, value = step(flow, replies, error)
        if done:
            return value  # type: ignore[no-any-return]
        try:
            replies, error = execute(client, value), None
        except Exception as exc:  # noqa: BLE001 -- handed to the flow, which re-raises what it does not handle
            replies, error = None, exc


async def adrive(client: Any, flow: Flow[T]) -> T:
    """Run `flow` to its result on a `redis.asyncio` client, awaiting each round trip."""
    replies: list[Any] | None = None
    error: Exception | None = None
    while True:
        done, value = step(flow, replies, error)
        if done:
            return value  # type: ignore[no-any-return]
        try:
            replies, error = await aexecute(client, value), None
        except Exception as exc:  # noqa: BLE001 -- handed to the flow, which re-raises what it does not handle
            replies, error = None, exc
