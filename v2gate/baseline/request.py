"""What the command line asks of the baseline: the three baseline flags as one record."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class BaselineRequest:
    """The baseline flags as given: `apply` is `--baseline`, `write` is `--write-baseline`.

    Defined here, not in v2gate.baseline.run, so a run without a baseline never imports it.
    """

    apply: str | None = None
    write: str | None = None
    update: bool = False

    @property
    def given(self) -> bool:
        """True if any baseline flag was given."""
        return self != BaselineRequest()
