"""The suppression comments `--add-noqa` writes, and how one joins a comment already there."""

from __future__ import annotations

from collections.abc import Sequence

from v2gate.errors import GateError
from v2gate.measure.comments import codes_end

# What follows the codes is free text to the comment parser (`noqa: V204 -- why` in a
# comment): the code list ends at the first word that is not a code, so a reason is ignored.
REASON_SEPARATOR = " -- "


def check_reason(reason: str | None) -> str | None:
    """`reason` stripped; a GateError if it cannot stand in a one-line comment."""
    if reason is None:
        return None
    text = reason.strip()
    if not text or any(char in text for char in "\r\n\x0c\x0b\x00"):
        raise GateError("--reason must be one non-empty line of text")
    return text


def _tail(reason: str | None) -> str:
    return f"{REASON_SEPARATOR}{reason}" if reason else ""


def header_comment(existing: str | None, codes: Sequence[str], reason: str | None) -> str:
    """The comment for a definition header: `# noqa: CODES`, or `existing` with the codes joined in.

    A `# noqa: E501` already there gets the codes appended to its list (`# noqa: E501, V204`);
    any other comment gets `  # noqa: V204` after it.
    """
    listed = ", ".join(codes)
    if existing is None:
        return f"# noqa: {listed}{_tail(reason)}"
    end = codes_end(existing)
    if end is None:
        return f"{existing}  # noqa: {listed}{_tail(reason)}"
    return f"{existing[:end]}, {listed}{existing[end:]}"


def file_comment(codes: Sequence[str], reason: str | None) -> str:
    """The comment line that waives file rules for a whole file."""
    return f"# quality-gates: noqa {', '.join(codes)}{_tail(reason)}"
