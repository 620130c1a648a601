"""Shared helper for the measurement tests: measure a dedented source snippet."""

from __future__ import annotations

import textwrap

from v2gate.measure.source import measure_source
from v2gate.records import FileMetrics


def measure(snippet: str) -> FileMetrics:
    """Measure `snippet` (dedented, UTF-8) and insist that it parsed."""
    metrics = measure_source(textwrap.dedent(snippet).encode("utf-8"))
    assert metrics.failure is None, metrics.failure
    return metrics
