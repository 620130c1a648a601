"""Bugs of the gate met while measuring: each stays its file's V200; one bug on many files stops the run."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from v2gate.errors import GateError
from v2gate.records import Failure, FileMetrics
from v2gate.report import display_path

# More files than this failing with the same internal error (same exception type and
# message) is no longer news about those files: the run stops with one message.
MAX_SAME_INTERNAL_ERROR = 5

OnInternalError = Callable[[Path, Failure], None]


class RepeatedInternalError(GateError):
    """The same internal error hit more than MAX_SAME_INTERNAL_ERROR files."""


@dataclass
class InternalErrors:
    """Counts internal errors by exception as results arrive; `notify` sees each one (`--debug`)."""

    notify: OnInternalError | None = None
    files: dict[str, list[Path]] = field(default_factory=dict)

    def record(self, path: Path, metrics: FileMetrics) -> None:
        """Note `metrics` of `path`; RepeatedInternalError once one error passes the limit."""
        failure = metrics.failure
        if failure is None or failure.internal is None:
            return
        if self.notify is not None:
            self.notify(path, failure)
        paths = self.files.setdefault(failure.internal, [])
        paths.append(path)
        if len(paths) > MAX_SAME_INTERNAL_ERROR:
            raise RepeatedInternalError(
                f"measuring stopped: the same internal error hit {len(paths)} files, a bug in"
                f" quality-gates, not in the code checked: {failure.internal}; please report it"
                f" with one of these files ({display_path(paths[0], Path.cwd())}) and the traceback that --debug shows"
            )


def is_internal(metrics: FileMetrics) -> bool:
    """Did a bug of the gate fail this file (never cached: a rerun must measure it again)?"""
    return metrics.failure is not None and metrics.failure.internal is not None
