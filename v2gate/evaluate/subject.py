"""One file under evaluation: its display path, its measured records and its classes' depths."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from v2gate.records import FileMetrics


class ClassDepth(Protocol):
    """What evaluation needs from inheritance resolution: a depth and the chain of names."""

    @property
    def depth(self) -> int: ...

    @property
    def chain(self) -> tuple[str, ...]: ...


@dataclass(frozen=True, slots=True)
class Subject:
    """One file under evaluation: its display path, metrics and class depths.

    `depths[i]` belongs to `metrics.classes[i]` (exact even when a file defines one symbol
    twice); an empty sequence means no depths are known (every class passes V206).
    """

    path: str
    metrics: FileMetrics
    depths: Sequence[ClassDepth] = ()
