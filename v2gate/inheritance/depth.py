"""What inheritance resolution produces (`Depth`) and its default `ignore-bases`, importable cheaply.

Kept apart from `v2gate.inheritance.resolve` so settings and a warm run whose depths come from the
cache (`v2gate.cache.depths`) do not load the resolution machinery.
"""

from __future__ import annotations

from dataclasses import dataclass

DEFAULT_IGNORE_BASES: tuple[str, ...] = ("object", "typing.Protocol", "typing.Generic", "abc.ABC")


@dataclass(frozen=True, slots=True)
class Depth:
    """The depth of one class and the longest path that gives it, for the V206 message.

    `chain` starts with the class's symbol, continues with the symbols of the project
    classes on the deepest path and ends, when that path ends at an external base, with
    the base as written: `("DbTimeout", "DbError", "AppError", "ValueError")` for depth 3.
    A class with no counted bases has depth 0 and the chain `(its symbol,)`. Among equally
    deep bases the leftmost wins. A chain of more than `CHAIN_HEAD + 2` names is shortened
    to its first `CHAIN_HEAD` names, `"…"` and the last name (`depth` stays exact; see
    `v2gate.inheritance.resolve`). `cycle` is True when the class is on an inheritance cycle.
    """

    depth: int
    chain: tuple[str, ...]
    cycle: bool = False
