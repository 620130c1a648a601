"""Blobs measured in worker processes measure exactly as in this one."""

from __future__ import annotations

from v2gate.history.blobs import _measure_all


def test_worker_processes_measure_like_one() -> None:
    sources = [f"def f{n}(a, b):\n    if a:\n        return b\n    return {n}\n".encode() for n in range(70)]
    sources.append(b"def broken(:\n")
    assert _measure_all(sources, 2) == _measure_all(sources, 1)
